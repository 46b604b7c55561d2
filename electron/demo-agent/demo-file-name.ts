/** The file the demo agent offers to create for a prompt: a short slug of it, e.g. "add a README" -> add-a-readme.txt. */
export function fileNameFor(prompt: string): string {
  const slug = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'note'}.txt`;
}
