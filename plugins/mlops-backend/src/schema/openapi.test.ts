import { execFileSync } from 'child_process';
import path from 'path';

describe('openapi.generated.ts', () => {
  it('is generated from the current openapi.yaml', () => {
    const script = path.resolve(__dirname, '../../scripts/generate-openapi.js');
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
