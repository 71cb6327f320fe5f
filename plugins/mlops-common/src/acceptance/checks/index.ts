export * from './useCaseSponsorNamed';
export * from './modelMeetsAcceptanceCriteria';
export * from './externalCheck';
