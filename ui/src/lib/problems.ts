// Matching the core's validation problems to the inputs that caused them.
// Fields are the Rust names: "title", "funding_lines[2].rate_percent".
import type { IpcProblem } from './bindings';

/** The messages about exactly `field`. */
export function messagesFor(problems: readonly IpcProblem[], field: string): string[] {
  return problems.filter((p) => p.field === field).map((p) => p.message);
}

/** The field name of a line's part: lineField('funding_lines', 2, 'rate_percent'). */
export function lineField(list: string, index: number, part: string): string {
  return `${list}[${index}].${part}`;
}

/** The problems no input on screen claims (shown in a summary instead). */
export function unclaimed(problems: readonly IpcProblem[], shown: (field: string) => boolean): IpcProblem[] {
  return problems.filter((p) => !shown(p.field));
}

/**
 * After a list line is removed, the core's field names after it are off by
 * one: drop the removed line's problems and renumber the later ones.
 */
export function afterRemoval(problems: readonly IpcProblem[], list: string, index: number): IpcProblem[] {
  const re = new RegExp(`^${list.replace(/[^a-z_]/g, '')}\\[(\\d+)\\]`);
  const out: IpcProblem[] = [];
  for (const p of problems) {
    const m = re.exec(p.field);
    if (!m) {
      out.push(p);
      continue;
    }
    const i = Number(m[1]);
    if (i === index) continue;
    out.push(i > index ? { ...p, field: p.field.replace(re, `${list}[${i - 1}]`) } : p);
  }
  return out;
}
