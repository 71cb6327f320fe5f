export {
  DiagnosticContent,
  EntityDiagnosticContent,
} from './DiagnosticContent';
