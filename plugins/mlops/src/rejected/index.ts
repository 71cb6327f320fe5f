export {
  RejectedEntitiesCard,
  RejectedEntitiesSection,
} from './RejectedEntitiesCard';
