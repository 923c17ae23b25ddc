import type { EdgeKind, NodeKind } from './model';

/** How each node kind looks: shared by the cytoscape stylesheet and the legend. */
export interface KindLook {
  label: string;
  shape: string;
  fill: string;
  border: string;
  width: number;
  height: number;
}

export const KIND_LOOKS: Record<Exclude<NodeKind, 'Namespace'>, KindLook> & {
  Namespace: KindLook;
} = {
  Pod: {
    label: 'Pod',
    shape: 'ellipse',
    fill: '#94a3b8',
    border: '#64748b',
    width: 14,
    height: 14,
  },
  ServiceAccount: {
    label: 'ServiceAccount',
    shape: 'ellipse',
    fill: '#3b82f6',
    border: '#1d4ed8',
    width: 22,
    height: 22,
  },
  User: {
    label: 'User',
    shape: 'round-pentagon',
    fill: '#10b981',
    border: '#047857',
    width: 24,
    height: 24,
  },
  Group: {
    label: 'Group',
    shape: 'hexagon',
    fill: '#8b5cf6',
    border: '#6d28d9',
    width: 26,
    height: 23,
  },
  RoleBinding: {
    label: 'RoleBinding',
    shape: 'round-rectangle',
    fill: '#fcd34d',
    border: '#d97706',
    width: 26,
    height: 18,
  },
  ClusterRoleBinding: {
    label: 'ClusterRoleBinding',
    shape: 'round-diamond',
    fill: '#fb923c',
    border: '#c2410c',
    width: 30,
    height: 30,
  },
  Role: {
    label: 'Role',
    shape: 'rectangle',
    fill: '#2dd4bf',
    border: '#0f766e',
    width: 22,
    height: 22,
  },
  ClusterRole: {
    label: 'ClusterRole',
    shape: 'barrel',
    fill: '#0f766e',
    border: '#134e4a',
    width: 30,
    height: 24,
  },
  Permission: {
    label: 'Permission (rules on one resource)',
    shape: 'round-rectangle',
    fill: '#f1f5f9',
    border: '#cbd5e1',
    width: 40,
    height: 20,
  },
  Namespace: {
    label: 'Namespace (folded)',
    shape: 'round-rectangle',
    fill: '#ffffff',
    border: '#a5b4fc',
    width: 200,
    height: 50,
  },
};

export const EDGE_LOOKS: Record<EdgeKind, { label: string; color: string; style: string }> = {
  'runs-as': { label: 'runs as', color: '#cbd5e1', style: 'solid' },
  'member-of': { label: 'member of group', color: '#c4b5fd', style: 'dotted' },
  subject: { label: 'is bound by', color: '#cbd5e1', style: 'solid' },
  'role-ref': { label: 'refers to role', color: '#cbd5e1', style: 'solid' },
  grants: { label: 'allows', color: '#e2e8f0', style: 'solid' },
  aggregates: { label: 'aggregates', color: '#5eead4', style: 'dashed' },
  contains: { label: 'from namespace', color: '#60a5fa', style: 'solid' },
};

export const MISSING_COLOR = '#dc2626';
export const HIGHLIGHT_COLOR = '#4f46e5';

type Style = Record<string, string | number | number[]>;
export interface StyleBlock {
  selector: string;
  style: Style;
}

/**
 * The cytoscape stylesheet. `big` views trade looks for speed: no curved aggregation edges,
 * labels hidden sooner when zoomed out. Labels keep their background in every view: without
 * it, the edge from a node to the next column runs through the node's label.
 */
export function graphStylesheet(fontFamily: string, big: boolean): StyleBlock[] {
  const blocks: StyleBlock[] = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': fontFamily,
        'font-size': 13,
        color: '#1e293b',
        'text-valign': 'center',
        'text-halign': 'right',
        'text-margin-x': 7,
        // No `text-wrap: ellipsis`: labels come shortened to their room (185 px; 230 for
        // permission tags, 600 for band titles) by `fitLabels`, as cytoscape's ellipsis
        // measures each label again whenever it lays it out or draws it.
        'min-zoomed-font-size': big ? 9 : 6,
        'border-width': 1.5,
        'z-index': 10,
        'z-index-compare': 'manual',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-background-shape': 'round-rectangle',
      },
    },
  ];
  for (const [kind, look] of Object.entries(KIND_LOOKS)) {
    blocks.push({
      selector: `node.k-${kind}`,
      style: {
        shape: look.shape,
        'background-color': look.fill,
        'border-color': look.border,
        width: look.width,
        height: look.height,
      },
    });
  }
  blocks.push(
    {
      selector: 'node.k-Pod',
      style: { 'font-size': 12, color: '#475569' },
    },
    {
      selector: 'node.k-Permission',
      style: {
        width: 'data(w)',
        'text-halign': 'center',
        'text-margin-x': 0,
        'font-size': 12,
        color: '#334155',
        'border-width': 1,
        'text-background-opacity': 0,
      },
    },
    {
      selector: 'node.more',
      style: { 'border-style': 'dashed', 'background-color': '#ffffff', color: '#64748b' },
    },
    {
      selector: 'node.k-Namespace',
      style: {
        'text-halign': 'center',
        'text-margin-x': 0,
        'text-wrap': 'wrap',
        'text-max-width': '188px',
        'font-size': 12,
        'min-zoomed-font-size': 5,
        'line-height': 1.35,
        'border-width': 1.5,
        'text-background-opacity': 0,
        'corner-radius': 8,
      },
    },
    {
      selector: 'node.missing',
      style: {
        'background-color': '#ffffff',
        'border-color': MISSING_COLOR,
        'border-style': 'dashed',
        'border-width': 2,
        color: MISSING_COLOR,
      },
    },
    {
      selector: 'node.band',
      style: {
        shape: 'round-rectangle',
        'corner-radius': 10,
        width: 'data(w)',
        height: 'data(h)',
        'background-color': '#f8fafc',
        'border-color': '#e2e8f0',
        'border-width': 1,
        label: '',
        'z-index': 0,
        events: 'no',
      },
    },
    {
      selector: 'node.band-label',
      style: {
        width: 1,
        height: 1,
        'background-opacity': 0,
        'border-width': 0,
        'font-size': 15,
        'font-weight': 600,
        color: '#64748b',
        'text-margin-x': 0,
        'text-background-opacity': 0,
        'min-zoomed-font-size': 4,
        'z-index': 1,
        events: 'no',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.3,
        'line-color': '#cbd5e1',
        'target-arrow-color': '#94a3b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        // Straight, not bezier: no two edges join the same pair of nodes, so bezier edges would
        // be drawn straight too, after cytoscape looked for parallel edges to bundle.
        'curve-style': 'straight',
        'z-index': 5,
        'z-index-compare': 'manual',
      },
    },
  );
  for (const [kind, look] of Object.entries(EDGE_LOOKS)) {
    blocks.push({
      selector: `edge.e-${kind}`,
      style: { 'line-color': look.color, 'line-style': look.style },
    });
  }
  blocks.push(
    {
      selector: 'edge.e-aggregates',
      style: big
        ? {}
        : {
            'curve-style': 'unbundled-bezier',
            'control-point-distances': -60,
            'control-point-weights': 0.5,
          },
    },
    { selector: 'edge.e-contains', style: { width: 'mapData(count, 1, 20, 1.3, 5)' } },
    // Into a permission tag at the middle of its left side, like a list bullet.
    { selector: 'edge.e-grants', style: { 'target-endpoint': '-50% 0%' } },
    {
      selector: 'edge.missing',
      style: {
        'line-color': MISSING_COLOR,
        'target-arrow-color': MISSING_COLOR,
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        width: 1.8,
      },
    },
    {
      selector: 'edge.hover',
      // Over the other edges, under the nodes: the labels beside its ends stay readable.
      style: { 'line-color': '#818cf8', 'target-arrow-color': '#6366f1', width: 3, 'z-index': 9 },
    },
    {
      selector: '.faded',
      style: { opacity: 0.28 },
    },
    {
      selector: 'node.highlighted',
      style: {
        'border-color': HIGHLIGHT_COLOR,
        'border-width': 3,
        'underlay-color': '#a5b4fc',
        'underlay-opacity': 0.55,
        'underlay-padding': 7,
        'underlay-shape': 'round-rectangle',
        'font-weight': 600,
        'z-index': 40,
      },
    },
    {
      selector: 'edge.highlighted',
      style: {
        'line-color': HIGHLIGHT_COLOR,
        'target-arrow-color': HIGHLIGHT_COLOR,
        width: 3,
        'z-index': 35,
      },
    },
    {
      selector: 'node.focus',
      style: {
        'underlay-color': '#c7d2fe',
        'underlay-opacity': 0.7,
        'underlay-padding': 9,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-color': HIGHLIGHT_COLOR,
        'border-width': 3,
        'overlay-color': '#6366f1',
        'overlay-opacity': 0.12,
        'overlay-padding': 6,
        'z-index': 45,
      },
    },
    { selector: 'node.band:selected', style: { 'overlay-opacity': 0, 'border-width': 1 } },
  );
  return blocks;
}
