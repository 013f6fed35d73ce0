/**
 * Build step (the end of `npm run build`): trains the intent classifier and saves it to dist/models/classifier.json,
 * which the server loads at start instead of training (see src/understanding/modelFile.ts). Skips the training when
 * the saved file already matches the corpora and the code, so an incremental build stays fast.
 */
import path from 'node:path';
import { findProjectRoot } from '../src/shared';
import { saveClassifier } from '../src/understanding/modelFile';

export const MODELS_DIR = path.join(findProjectRoot(), 'dist', 'models');

saveClassifier(MODELS_DIR)
  .then((result) => process.stdout.write(`classifier models: ${result === 'written' ? 'trained and saved' : 'up to date'} (${MODELS_DIR})\n`))
  .catch((error: unknown) => {
    process.stderr.write(`trainModels: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
