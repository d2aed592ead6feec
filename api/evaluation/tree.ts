// The indicator system as a tree (dimension → focus → indicator): local weights within each group of siblings,
// global weights of the leaves (product down the path), and checks that every group's weights sum to 1.
export type NodeLevel = 'dimension' | 'focus' | 'indicator';
const CHILD_OF: Record<NodeLevel, NodeLevel | null> = { dimension: 'focus', focus: 'indicator', indicator: null };

export interface TreeNode {
  id: number;
  parentId: number | null;
  level: NodeLevel;
  /** Weight within its siblings (they sum to 1). */
  weight: number;
  sort: number;
}

export const childLevel = (level: NodeLevel | null): NodeLevel | null =>
  level === null ? 'dimension' : CHILD_OF[level];

export function childrenOf<T extends TreeNode>(nodes: readonly T[], parentId: number | null): T[] {
  return nodes.filter((n) => n.parentId === parentId).sort((a, b) => a.sort - b.sort || a.id - b.id);
}

/** Global weight of every node: its local weight times its ancestors'. */
export function globalWeights(nodes: readonly TreeNode[]): Map<number, number> {
  const out = new Map<number, number>();
  const walk = (parentId: number | null, above: number) => {
    for (const n of childrenOf(nodes, parentId)) {
      out.set(n.id, above * n.weight);
      walk(n.id, above * n.weight);
    }
  };
  walk(null, 1);
  return out;
}

/** Leaves (indicators) in tree order. */
export function leaves<T extends TreeNode>(nodes: readonly T[]): T[] {
  const out: T[] = [];
  const walk = (parentId: number | null) => {
    for (const n of childrenOf(nodes, parentId)) {
      if (n.level === 'indicator') out.push(n);
      else walk(n.id);
    }
  };
  walk(null);
  return out;
}

/** The ids of the leaves under a node (the node itself when it is a leaf). */
export function leavesUnder(nodes: readonly TreeNode[], id: number): Set<number> {
  const out = new Set<number>();
  const walk = (nid: number) => {
    const kids = nodes.filter((n) => n.parentId === nid);
    if (!kids.length) out.add(nid);
    for (const k of kids) walk(k.id);
  };
  walk(id);
  return out;
}

/** Problems with the tree's shape and weights (empty when sound). */
export function treeProblems(nodes: readonly TreeNode[]): string[] {
  const problems: string[] = [];
  const groups = new Map<number | null, TreeNode[]>();
  for (const n of nodes) groups.set(n.parentId, [...(groups.get(n.parentId) ?? []), n]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const [parentId, kids] of groups) {
    const parent = parentId === null ? null : byId.get(parentId);
    const expected = childLevel(parent ? parent.level : null);
    for (const k of kids)
      if (k.level !== expected)
        problems.push(`node ${k.id}: a ${k.level} cannot sit under ${parent ? parent.level : 'the root'}`);
    const sum = kids.reduce((s, k) => s + k.weight, 0);
    if (Math.abs(sum - 1) > 1e-6)
      problems.push(`weights under ${parentId ?? 'the root'} sum to ${sum.toFixed(4)}, not 1`);
  }
  for (const n of nodes)
    if (n.level !== 'indicator' && !groups.has(n.id)) problems.push(`${n.level} ${n.id} has no children`);
  return problems;
}
