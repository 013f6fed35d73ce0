/**
 * A linear classifier over word and character n-grams: multinomial logistic regression (softmax), trained at start
 * with AdaGrad on sparse binary features scaled to unit length. Character n-grams make it robust to typos, missing
 * accents and text-message spellings; the softmax gives probabilities that spread out when a message is unclear,
 * where nlp.js's scores stay near 1 (see README, "Understanding").
 *
 * Deterministic: the examples are visited in an order drawn from a fixed seed, so the same corpus gives the same model.
 */

import { seededRandom } from '../shared';

export interface LinearExample {
  features: readonly string[];
  label: string;
}

export interface LinearOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per update. */
  l2?: number;
  seed?: number;
}

export interface LabelScore {
  label: string;
  score: number;
}

/** A trained model as JSON: the weights as float32 bytes in the platform order (little-endian on x64 and arm64), base64: exact, 4 bytes a weight. */
export interface SavedLinearModel {
  labels: string[];
  features: string[];
  weights: string;
}

export class LinearModel {
  private constructor(
    private readonly labels: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    /** weights[feature * labels + label]; the last row is the bias. */
    private readonly weights: Float32Array,
  ) {}

  static train(examples: readonly LinearExample[], options: LinearOptions = {}): LinearModel {
    const { epochs = 5, learningRate = 0.5, l2 = 1e-5, seed = 7 } = options;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const index = new Map<string, number>();
    const rows = examples.map((example) => {
      const ids = new Set<number>();
      for (const feature of example.features) {
        let id = index.get(feature);
        if (id === undefined) {
          id = index.size;
          index.set(feature, id);
        }
        ids.add(id);
      }
      return { ids: [...ids], label: labelIndex.get(example.label) ?? 0 };
    });
    const k = labels.length;
    const bias = index.size;
    const weights = new Float32Array((index.size + 1) * k);
    const squares = new Float32Array((index.size + 1) * k).fill(1e-8);
    const model = new LinearModel(labels, index, weights);
    const order = rows.map((_, i) => i);
    const next = seededRandom(seed);
    const probabilities = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const r of order) {
        const { ids, label } = rows[r];
        const value = 1 / Math.sqrt(ids.length || 1);
        model.probabilitiesOf(ids, value, probabilities);
        for (let c = 0; c < k; c += 1) {
          const gradient = probabilities[c] - (c === label ? 1 : 0);
          for (const id of ids) update(id * k + c, gradient * value);
          update(bias * k + c, gradient);
        }
      }
    }
    return model;

    function update(at: number, gradient: number): void {
      const g = gradient + l2 * weights[at];
      squares[at] += g * g;
      weights[at] -= (learningRate * g) / Math.sqrt(squares[at]);
    }
  }

  toJSON(): SavedLinearModel {
    const bytes = Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength);
    return { labels: [...this.labels], features: [...this.index.keys()], weights: bytes.toString('base64') };
  }

  /** The model `toJSON` saved; throws on a saved model whose sizes do not match. */
  static fromJSON(saved: SavedLinearModel): LinearModel {
    const bytes = Buffer.from(saved.weights, 'base64');
    const expected = (saved.features.length + 1) * saved.labels.length * Float32Array.BYTES_PER_ELEMENT;
    if (bytes.byteLength !== expected) throw new Error(`LinearModel.fromJSON: ${bytes.byteLength} bytes of weights, expected ${expected}`);
    // Copied into a fresh, aligned buffer (a Buffer may sit at any offset of Node's pool).
    const weights = new Float32Array(expected / Float32Array.BYTES_PER_ELEMENT);
    new Uint8Array(weights.buffer).set(bytes);
    return new LinearModel(saved.labels, new Map(saved.features.map((feature, i) => [feature, i])), weights);
  }

  /** Probabilities of every label, best first; features unseen in training are ignored. */
  classify(features: readonly string[]): LabelScore[] {
    const ids = new Set<number>();
    const distinct = new Set(features);
    for (const feature of distinct) {
      const id = this.index.get(feature);
      if (id !== undefined) ids.add(id);
    }
    // Scaled by all the message's features, known or not: a message made mostly of unknown words weighs less.
    const probabilities = new Float64Array(this.labels.length);
    this.probabilitiesOf([...ids], 1 / Math.sqrt(Math.max(1, distinct.size)), probabilities);
    return this.labels.map((label, i) => ({ label, score: probabilities[i] })).sort((a, b) => b.score - a.score);
  }

  private probabilitiesOf(ids: readonly number[], value: number, out: Float64Array): void {
    const k = this.labels.length;
    const bias = this.index.size;
    let max = -Infinity;
    for (let c = 0; c < k; c += 1) {
      let sum = this.weights[bias * k + c];
      for (const id of ids) sum += this.weights[id * k + c] * value;
      out[c] = sum;
      if (sum > max) max = sum;
    }
    let total = 0;
    for (let c = 0; c < k; c += 1) {
      out[c] = Math.exp(out[c] - max);
      total += out[c];
    }
    for (let c = 0; c < k; c += 1) out[c] /= total;
  }
}
