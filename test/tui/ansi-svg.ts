/**
 * Turns a terminal screen captured with `tmux capture-pane -e -p` (text + SGR colour codes) into an
 * SVG "screenshot" for the README. Handles what the audit UI emits: reset, bold, dim, inverse, the
 * 16 basic colours (30–37, 90–97, 40–47, 100–107) and 256-colour codes.
 */
const PALETTE = [
  '#1e1e1e',
  '#e05561',
  '#8cc265',
  '#d18f52',
  '#4aa5f0',
  '#c162de',
  '#42b3c2',
  '#d7dae0',
  '#5c6370',
  '#ff616e',
  '#a5e075',
  '#f0a45d',
  '#4dc4ff',
  '#de73ff',
  '#4cd1e0',
  '#ffffff',
];
const FOREGROUND = '#d7dae0';
const BACKGROUND = '#1e1e1e';
const CELL_WIDTH = 8.4;
const LINE_HEIGHT = 18;

interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  inverse: boolean;
}

const plain = (): Style => ({ bold: false, dim: false, inverse: false });

function color256(n: number): string {
  if (n < 16) return PALETTE[n];
  if (n >= 232) {
    const v = (8 + (n - 232) * 10).toString(16).padStart(2, '0');
    return `#${v}${v}${v}`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40).toString(16).padStart(2, '0');
  return `#${level(Math.floor(i / 36))}${level(Math.floor(i / 6) % 6)}${level(i % 6)}`;
}

function applySgr(style: Style, codes: number[]): Style {
  let s = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) s = plain();
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 22) s = { ...s, bold: false, dim: false };
    else if (c === 7) s.inverse = true;
    else if (c === 27) s.inverse = false;
    else if (c >= 30 && c <= 37) s.fg = PALETTE[c - 30];
    else if (c >= 90 && c <= 97) s.fg = PALETTE[c - 90 + 8];
    else if (c === 39) s.fg = undefined;
    else if (c >= 40 && c <= 47) s.bg = PALETTE[c - 40];
    else if (c >= 100 && c <= 107) s.bg = PALETTE[c - 100 + 8];
    else if (c === 49) s.bg = undefined;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      const value = color256(codes[i + 2] ?? 0);
      if (c === 38) s.fg = value;
      else s.bg = value;
      i += 2;
    }
  }
  return s;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ansiToSvg(screen: string, columns: number, rows: number, title: string): string {
  const width = Math.ceil(columns * CELL_WIDTH + 24);
  const height = rows * LINE_HEIGHT + 24;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="100%" height="100%" rx="6" fill="${BACKGROUND}"/>`,
    `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="14" xml:space="preserve">`,
  ];
  let style = plain();
  screen
    .split('\n')
    .slice(0, rows)
    .forEach((line, row) => {
      let column = 0;
      const y = 12 + row * LINE_HEIGHT;
      for (const part of line.split(/(\u001B\[[0-9;]*m)/)) {
        const sgr = /^\u001B\[([0-9;]*)m$/.exec(part);
        if (sgr) {
          style = applySgr(style, sgr[1] === '' ? [0] : sgr[1].split(';').map(Number));
          continue;
        }
        const chars = [...part];
        if (!chars.length) continue;
        let fg = style.fg ?? FOREGROUND;
        let bg = style.bg;
        if (style.inverse) [fg, bg] = [bg ?? BACKGROUND, fg];
        const x = 12 + column * CELL_WIDTH;
        if (bg) out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(chars.length * CELL_WIDTH).toFixed(1)}" height="${LINE_HEIGHT}" fill="${bg}"/>`);
        if (part.trim()) {
          const weight = style.bold ? ' font-weight="bold"' : '';
          const opacity = style.dim ? ' fill-opacity="0.6"' : '';
          out.push(
            `<text x="${x.toFixed(1)}" y="${y + 14}" fill="${fg}"${weight}${opacity} textLength="${(chars.length * CELL_WIDTH).toFixed(1)}" lengthAdjust="spacingAndGlyphs">${escapeXml(part)}</text>`,
          );
        }
        column += chars.length;
      }
    });
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}
