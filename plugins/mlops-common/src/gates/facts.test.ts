import { model, useCase } from '../__testUtils__/entities';
import {
  changedGateFacts,
  gateFactsHash,
  gateFactsOf,
  gateFactsVersionOf,
} from './facts';

describe('gate facts', () => {
  it('take the spec fields an approval rests on, not the lifecycle', () => {
    const facts = gateFactsOf(model({ lifecycle: 'production' }));
    expect(Object.keys(facts)).toContain('spec.version');
    expect(Object.keys(facts)).toContain('spec.metrics');
    expect(Object.keys(facts)).not.toContain('spec.lifecycle');
  });

  it('hash equally whatever the key order and whatever the lifecycle', () => {
    const a = model({ lifecycle: 'experimental' });
    const b = model({ lifecycle: 'production' });
    expect(gateFactsHash(gateFactsOf(a))).toBe(gateFactsHash(gateFactsOf(b)));
    const reordered = Object.fromEntries(
      Object.entries(gateFactsOf(a)).reverse(),
    );
    expect(gateFactsHash(reordered)).toBe(gateFactsHash(gateFactsOf(a)));
    expect(gateFactsHash(gateFactsOf(a))).toMatch(/^[0-9a-f]{28}$/);
  });

  it('hash differently and name the changed fields when a fact changes', () => {
    const before = gateFactsOf(model({ version: '3.2.0' }));
    const after = gateFactsOf(
      model({ version: '3.3.0', metrics: [{ name: 'recall', value: 0.5 }] }),
    );
    expect(gateFactsHash(after)).not.toBe(gateFactsHash(before));
    expect(changedGateFacts(before, after)).toEqual([
      'spec.metrics',
      'spec.version',
    ]);
  });

  it('see a changed acceptance criterion of a use case', () => {
    const before = gateFactsOf(useCase());
    const after = gateFactsOf(
      useCase({
        acceptanceCriteria: [
          { metric: 'recall', operator: '>=', threshold: 0.9 },
        ],
      }),
    );
    expect(changedGateFacts(before, after)).toEqual([
      'spec.acceptanceCriteria',
    ]);
  });

  it('keeps the hash that decisions already stored carry', () => {
    // Computed by the first implementation (two passes of cyrb53, seeds 0 and 1).
    expect(
      gateFactsHash({
        'spec.owner': 'group:default/retention-analytics',
        'spec.metrics': [{ name: 'recall', value: 0.76 }],
      }),
    ).toBe('0aa5680cc11c780947d6c49b1d7a');
  });

  it('hashes nested facts as the canonical JSON text would be hashed', () => {
    // Computed from the canonical JSON text in one string (the first
    // implementation): keys sorted at every depth, undefined keys left out.
    expect(
      gateFactsHash({
        'spec.lifecycle': 'production',
        'spec.metrics': [
          { value: 0.76, name: 'recall', note: undefined },
          null,
          true,
          -1.5e-7,
        ],
        'spec.dependsOn': [
          'resource:default/crm-events',
          'ünïcödé "quoted" \\ back',
        ],
        'spec.fairness': { groups: { b: [1, 2], a: {} }, empty: [] },
      } as any),
    ).toBe('010bcca560e80b09192361b8cbad');
  });

  it('hashes a version of an entity once, by its etag', () => {
    const entity = {
      apiVersion: 'mlightenment.io/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'm', uid: 'u-1', etag: 'e-1' },
      spec: { owner: 'group:default/a' },
    };
    const first = gateFactsVersionOf(entity);
    expect(first.hash).toBe(gateFactsHash(gateFactsOf(entity)));
    // The same etag is the same version: the stored hash is reused.
    const sameVersion = gateFactsVersionOf({
      ...entity,
      spec: { owner: 'group:default/b' },
    });
    expect(sameVersion.hash).toBe(first.hash);
    const next = gateFactsVersionOf({
      ...entity,
      metadata: { ...entity.metadata, etag: 'e-2' },
      spec: { owner: 'group:default/b' },
    });
    expect(next.hash).not.toBe(first.hash);
  });
});
