import type { MLModelEntityV1alpha1, ModelCard } from './types';

/** The sections of a model card, in the order of Mitchell et al. (2019). @public */
export const MODEL_CARD_SECTIONS: ReadonlyArray<{
  key: keyof ModelCard;
  title: string;
}> = [
  { key: 'overview', title: 'Overview' },
  { key: 'intendedUse', title: 'Intended use' },
  { key: 'factors', title: 'Factors' },
  { key: 'trainingData', title: 'Training data' },
  { key: 'evaluationData', title: 'Evaluation data' },
  { key: 'limitations', title: 'Limitations' },
  { key: 'ethicalConsiderations', title: 'Ethical considerations' },
  { key: 'caveats', title: 'Caveats' },
];

/** Which model-card sections a model documents and which it does not. @public */
export interface ModelCardCompleteness {
  documented: Array<keyof ModelCard>;
  missing: Array<keyof ModelCard>;
  total: number;
}

/** Which sections of the model card are documented (a blank section counts as missing). @public */
export function modelCardCompleteness(
  model: MLModelEntityV1alpha1,
): ModelCardCompleteness {
  const card = model.spec.modelCard ?? {};
  const documented: Array<keyof ModelCard> = [];
  const missing: Array<keyof ModelCard> = [];
  for (const { key } of MODEL_CARD_SECTIONS) {
    (card[key]?.trim() ? documented : missing).push(key);
  }
  return { documented, missing, total: MODEL_CARD_SECTIONS.length };
}
