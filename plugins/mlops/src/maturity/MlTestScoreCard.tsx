import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import {
  evaluateMlTestScore,
  ML_TEST_SCORE_SECTIONS,
  ML_TEST_SCORE_TESTS,
  MLModelEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsTableCard } from '../components/shared';

interface SectionRow {
  id: string;
  title: string;
  points: number;
  tests: number;
}

const columns: TableColumn<SectionRow>[] = [
  { title: 'Section', field: 'title', highlight: true },
  {
    title: 'Points',
    field: 'points',
    type: 'numeric',
    align: 'left',
    render: row => `${row.points} of ${row.tests}`,
  },
];

/**
 * A model's ML Test Score (Breck et al. 2017) as `spec.mlTestScore` declares
 * it: the points of each section, the final score (the weakest section) and
 * what the paper says that score means.
 */
export function MlTestScoreCard(props: { model: MLModelEntityV1alpha1 }) {
  const score = evaluateMlTestScore(props.model);
  const rows: SectionRow[] = ML_TEST_SCORE_SECTIONS.map(section => ({
    id: section.id,
    title: section.title,
    points: score.sections[section.id],
    tests: ML_TEST_SCORE_TESTS.filter(t => t.section === section.id).length,
  }));
  return (
    <>
      <MlopsTableCard<SectionRow>
        title="ML Test Score"
        subtitle={`Final score ${score.final}: ${score.band}. The final score is the lowest section; ${score.declared} of ${ML_TEST_SCORE_TESTS.length} tests declared in spec.mlTestScore.`}
        testId="mlops-ml-test-score"
        columns={columns}
        rows={rows}
        emptyMessage=""
      />
      {/* On the page's background the secondary colour is below 4.5:1. */}
      <Typography variant="caption">
        Each test earns 1 point when automated, ½ when run by hand and
        documented, 0 otherwise.
      </Typography>
    </>
  );
}
