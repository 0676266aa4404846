import type { Line } from './lines.js';
import type { Tone } from './theme.js';

export interface TreeNode {
  label: string;
  tone?: Tone;
  children: TreeNode[];
}

/** Draws a tree with box characters under `indent`: the root on its own line, then ├─ / └─ branches. */
export function renderTree(root: TreeNode, indent = ''): Line[] {
  const lines: Line[] = [{ text: `${indent}${root.label}`, tone: root.tone }];
  const walk = (nodes: TreeNode[], prefix: string) => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      lines.push({ text: `${prefix}${last ? '└─ ' : '├─ '}${node.label}`, tone: node.tone });
      walk(node.children, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(root.children, indent);
  return lines;
}

/** Finds or adds the child with this label, keeping first-seen order. */
export function childOf(parent: TreeNode, label: string, tone?: Tone): TreeNode {
  let node = parent.children.find((c) => c.label === label);
  if (!node) {
    node = { label, tone, children: [] };
    parent.children.push(node);
  }
  return node;
}
