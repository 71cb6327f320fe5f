import type { Entity } from '@backstage/catalog-model';
import { normalizeRef, refOf } from '../shared/entityRefs';

/** The group tree of the catalog: who is whose parent, and titles. */
export class TeamHierarchy {
  private readonly children = new Map<string, Set<string>>();
  private readonly parents = new Map<string, string>();
  private readonly titles = new Map<string, string>();

  /** Builds the tree from Group entities (spec.parent and spec.children, both honoured). */
  static fromGroups(groups: Iterable<Entity>): TeamHierarchy {
    const tree = new TeamHierarchy();
    for (const group of groups) {
      const ref = refOf(group);
      const namespace = group.metadata.namespace ?? 'default';
      tree.titles.set(ref, group.metadata.title ?? group.metadata.name);
      if (!tree.children.has(ref)) tree.children.set(ref, new Set());
      const parent = group.spec?.parent;
      if (typeof parent === 'string') {
        tree.link(
          normalizeRef(parent, {
            defaultKind: 'group',
            defaultNamespace: namespace,
          }),
          ref,
        );
      }
      const children = group.spec?.children;
      if (Array.isArray(children)) {
        for (const child of children) {
          if (typeof child === 'string') {
            tree.link(
              ref,
              normalizeRef(child, {
                defaultKind: 'group',
                defaultNamespace: namespace,
              }),
            );
          }
        }
      }
    }
    return tree;
  }

  private link(parent: string, child: string) {
    if (!this.children.has(parent)) this.children.set(parent, new Set());
    this.children.get(parent)!.add(child);
    this.parents.set(child, parent);
  }

  has(groupRef: string): boolean {
    return this.titles.has(groupRef);
  }

  title(groupRef: string): string {
    return this.titles.get(groupRef) ?? groupRef;
  }

  parentOf(groupRef: string): string | undefined {
    return this.parents.get(groupRef);
  }

  childrenOf(groupRef: string): string[] {
    return [...(this.children.get(groupRef) ?? [])];
  }

  /** The group and every group below it, however deep; safe against cycles. */
  descendantsAndSelf(groupRef: string): string[] {
    const seen = new Set<string>([groupRef]);
    const queue = [groupRef];
    while (queue.length > 0) {
      for (const child of this.children.get(queue.shift()!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return [...seen];
  }

  groups(): string[] {
    return [...this.titles.keys()];
  }
}
