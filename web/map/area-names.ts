// Short display names: a child named after its parent ("明乐居民区第1网格" in "明乐居民区")
// shows only what tells it apart ("第1网格") on labels and chart axes.
export function shortName(name: string, parentName: string | undefined): string {
  if (!parentName || name === parentName || !name.startsWith(parentName)) return name;
  return name.slice(parentName.length).trim() || name;
}

/** Name of the parent of `areas`, looked up in the drilled area and its ancestors. */
export function parentNameOf(
  areas: readonly { properties: { parentId: number | null } }[],
  selected: { id: number; properties: { name: string }; ancestors: { id: number; name: string }[] } | null,
): string | undefined {
  const parentId = areas[0]?.properties.parentId;
  if (parentId == null || !selected) return undefined;
  if (parentId === selected.id) return selected.properties.name;
  return selected.ancestors.find((a) => a.id === parentId)?.name;
}
