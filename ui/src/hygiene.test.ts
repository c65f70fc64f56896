// Static checks on the sources and the built files:
// no HTML injection sinks, nothing that the CSP (script-src/style-src 'self') would block.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(svelte|ts|js|html)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const sources = [...files('src'), 'index.html'];

describe('sources', () => {
  it.each(sources)('%s has no HTML injection sink or inline style', (path) => {
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/\{@html/);
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/\sstyle=/);
    expect(text).not.toMatch(/\sstyle:[a-z-]+/);
    expect(text).not.toMatch(/\son[a-z]+="/); // inline event handler attributes
  });
});

describe.skipIf(!existsSync('dist/index.html'))('built dist/index.html', () => {
  const html = existsSync('dist/index.html') ? readFileSync('dist/index.html', 'utf8') : '';

  it('has only external module scripts', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/type="module"/);
      expect(attrs).toMatch(/\ssrc="/);
      expect(body!.trim()).toBe('');
    }
  });

  it('has no inline styles', () => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it('uses relative asset paths', () => {
    expect(html).toMatch(/src="\.\/assets\//);
    expect(html).toMatch(/href="\.\/assets\/[^"]+\.css"/);
  });

  it('does not ship the development mock', () => {
    for (const name of readdirSync('dist/assets')) {
      const text = readFileSync(join('dist/assets', name), 'utf8');
      expect(text).not.toContain('mockInvoke');
      expect(text).not.toContain('Erreur simulée');
    }
  });
});
