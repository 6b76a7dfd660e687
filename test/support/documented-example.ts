import { readFile } from 'node:fs/promises';

/**
 * The code block that follows `<!-- example: name -->` in a file under docs/, so that tests keep
 * the documentation's examples true.
 */
export async function documentedExample(doc: string, name: string): Promise<string> {
  const text = await readFile(new URL(`../../docs/${doc}`, import.meta.url), 'utf8');
  const block = new RegExp(`<!-- example: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\n`).exec(text);
  if (!block) throw new Error(`docs/${doc} has no example "${name}"`);
  return block[1]!;
}
