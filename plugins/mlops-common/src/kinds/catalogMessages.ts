/**
 * A message of the catalog's own entity policies, which run before the kind
 * validators (`"metadata.name" is not valid; expected … To learn more about
 * catalog file format, visit: …`), as a problem: the field it names, if it
 * names one, and what is wrong, without the pointer to the file format.
 * @public
 */
export function catalogPolicyProblem(message: string): {
  path?: string;
  message: string;
} {
  const text = message
    .replace(/ To learn more about catalog file format.*$/s, '')
    .trim();
  const path = /^"([\w.[\]]+)" /.exec(text)?.[1];
  return path
    ? { path, message: text.slice(path.length + 3) }
    : { message: text };
}
