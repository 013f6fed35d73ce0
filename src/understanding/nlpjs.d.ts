/**
 * Minimal typings for the parts of nlp.js v4 the classifier uses (the packages ship no declarations).
 * Only what src/understanding/classifier.ts calls is declared; see node_modules/@nlpjs/<package>/src for the code.
 */

declare module '@nlpjs/core' {
  /** Dependency container; one per model keeps the models' settings and pipelines apart. */
  export class Container {
    constructor(hasPreffix?: boolean);
  }
}

declare module '@nlpjs/nlu' {
  /** Bag of features: feature name -> value (1 for a present stem). */
  export type NluFeatures = Record<string, number>;

  export interface NluClassification {
    intent: string;
    score: number;
  }

  export interface NluSettings {
    locale?: string;
    /** true makes the neural network print every epoch with console.log. */
    log?: boolean;
    /** Adds a "None" output trained on unknown words. */
    useNoneFeature?: boolean;
    keepStopwords?: boolean;
    spellCheck?: boolean;
    /** Neural network settings, passed through at training. */
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
  }

  export interface NluTrainingExample {
    utterance: string;
    intent: string;
  }

  /** The object every process step reads and mutates; `tokens` become features, then `classifications` appear. */
  export interface NluProcessInput {
    text: string;
    settings: NluSettings;
    tokens: NluFeatures;
    classifications?: NluClassification[];
  }

  export class NluNeural {
    constructor(settings?: NluSettings, container?: unknown);
    readonly settings: NluSettings;
    /** Text -> features; the training pipeline calls it once per utterance (awaited, may be synchronous). */
    prepare(text: string): NluFeatures | Promise<NluFeatures>;
    train(corpus: NluTrainingExample[], settings?: NluSettings): Promise<unknown>;
    /** The synchronous steps of `process` (which is async only because its pipeline awaits). */
    textToFeatures(input: NluProcessInput): NluProcessInput;
    innerProcess(input: NluProcessInput): NluProcessInput;
    filterNonActivated(input: NluProcessInput): NluProcessInput;
    normalizeClassifications(input: NluProcessInput): NluProcessInput;
    /** The trained network and feature tables, as plain JSON (no functions, no container). */
    toJSON(): Record<string, unknown>;
    fromJSON(json: Record<string, unknown>): void;
    /** The intents in classification order; built lazily (with "None" added) unless fromJSON set it (without "None"). */
    intentsArr?: string[];
  }
}

declare module '@nlpjs/lang-fr' {
  export class TokenizerFr {
    constructor(container?: unknown, shouldNormalize?: boolean);
    /** Splits already normalized text into words; unlike `tokenize`, keeps no cache. */
    innerTokenize(text: string): string[];
  }
  /** Snowball stemmer, one word at a time: setCurrent, innerStem, getCurrent (`stemWord` caches every word forever). */
  export class StemmerFr {
    constructor(container?: unknown);
    setCurrent(word: string): void;
    innerStem(): unknown;
    getCurrent(): string;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class TokenizerEn {
    constructor(container?: unknown, shouldNormalize?: boolean);
    innerTokenize(text: string): string[];
  }
  export class StemmerEn {
    constructor(container?: unknown);
    setCurrent(word: string): void;
    innerStem(): unknown;
    getCurrent(): string;
  }
}
