// A tiny icon set drawn for War Room, keyed by codicon names. @vscode/codicons is not a
// dependency, and a font would need another CSP source; inline SVG built with createElementNS
// needs nothing and follows the theme through `currentColor`. Switching to real codicons later
// only means mapping the same names to `codicon codicon-<name>` classes.

const PATHS: Readonly<Record<string, string>> = {
  flame: 'M8 1.5c.5 2.5 3.5 3.8 3.5 7.3a3.5 3.5 0 0 1-7 .2c0-1.6.8-2.6 1.7-3.3.1 1.2.6 2 1.3 2.3C7 6 7.3 3.6 8 1.5z',
  bell: 'M4 11V7a4 4 0 0 1 8 0v4l1 1.5H3L4 11z M6.5 14h3',
  law: 'M8 2v12 M5 14h6 M3 4.5h10 M3 4.5L1.5 9h3L3 4.5 M13 4.5L11.5 9h3L13 4.5',
  zap: 'M9 1.5L3.5 9H8l-1 5.5L12.5 7H8l1-5.5z',
  question: 'M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7 M8 12.6v.3',
  megaphone: 'M2 6.5h2.5L11 3v10L4.5 9.5H2z M4.5 9.5l1 4h2l-1-4 M13 6.5v3',
  rocket: 'M8 1.5c2.5 2 3 5 2 8.5H6c-1-3.5-.5-6.5 2-8.5z M6 10l-2 2.5h2.5 M10 10l2 2.5H9.5 M8 5.5v.5',
  checklist: 'M2 3.5l1 1 2-2 M7 3.5h7 M2 8.5l1 1 2-2 M7 8.5h7 M7 13h7 M2.5 13h1.5',
  person: 'M8 2a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5z M3 14c0-3 2.2-5 5-5s5 2 5 5',
  note: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3 M5.5 8h5 M5.5 10.5h5',
  pulse: 'M1 8h3l1.5-4 3 8L10 8h5',
  warning: 'M8 1.5l6.5 12h-13z M8 6v3.5 M8 11.5v.5',
  pass: 'M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13z M5 8.2l2 2 4-4.2',
  'issue-reopened': 'M13.5 8A5.5 5.5 0 1 1 11.9 4.1 M12 1.5v3H9',
  'circle-small': 'M8 6a2 2 0 1 1 0 4a2 2 0 1 1 0-4z',
  pin: 'M6 1.5h4l-.5 4 2.5 2.5H4l2.5-2.5z M8 8v6.5',
  edit: 'M11 2l3 3-8 8H3v-3z',
  'git-commit': 'M8 5a3 3 0 1 1 0 6a3 3 0 1 1 0-6z M1 8h4 M11 8h4',
  file: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3',
  'link-external': 'M9 2h5v5 M14 2L7 9 M12 9.5V14H2V4h4.5',
  send: 'M1.5 2l13 6-13 6 2-6z M3.5 8h5',
  copy: 'M5.5 5.5h8v8h-8z M3.5 10.5h-1v-8h8v1',
  eye: 'M1 8s2.5-4.5 7-4.5S15 8 15 8s-2.5 4.5-7 4.5S1 8 1 8z M8 6a2 2 0 1 1 0 4a2 2 0 1 1 0-4z',
  milestone: 'M8 1.5v13 M8 2.5h5.5l-1.5 2 1.5 2H8',
  sparkle: 'M8 1.5l1.5 5 5 1.5-5 1.5-1.5 5-1.5-5-5-1.5 5-1.5z',
};

const SVG = 'http://www.w3.org/2000/svg';

/** An icon for a codicon name; unknown names get a dot so a row never lacks one. */
export function icon(name: string, label?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name] ?? PATHS['circle-small']);
  svg.appendChild(path);
  return svg;
}

/** An icon for a toolkit button's `start` slot, where the button spaces it from the label. */
export function buttonIcon(name: string): SVGSVGElement {
  const svg = icon(name);
  svg.setAttribute('slot', 'start');
  return svg;
}
