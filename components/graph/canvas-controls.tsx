import type { ReactNode } from 'react';

/**
 * The canvas's buttons, top right: zoom in, zoom out and fit; export the view as PNG (once it
 * is drawn whole) and its model as JSON (once it has loaded).
 */
export function CanvasControls({
  onZoom,
  onFit,
  onExportPng,
  exportReady,
  exporting,
  onExportJson,
  jsonReady,
}: {
  onZoom: (factor: number) => void;
  onFit: () => void;
  onExportPng: () => void;
  exportReady: boolean;
  exporting: boolean;
  onExportJson: () => void;
  /** The view's model has loaded (an error, or an older view's model, is not exported). */
  jsonReady: boolean;
}) {
  return (
    <div className="absolute right-3 top-3 z-10 flex gap-1.5">
      <div className="flex overflow-hidden rounded-md border border-slate-200 bg-white/95 shadow-sm">
        <ToolButton label="Zoom in" onClick={() => onZoom(1.25)}>
          +
        </ToolButton>
        <ToolButton label="Zoom out" onClick={() => onZoom(0.8)}>
          −
        </ToolButton>
        <ToolButton label="Fit the whole graph" onClick={onFit}>
          Fit
        </ToolButton>
      </div>
      <div className="flex items-center overflow-hidden rounded-md border border-slate-200 bg-white/95 text-xs font-medium text-slate-700 shadow-sm">
        <span className="border-r border-slate-200 px-2 py-1 text-slate-500">Export</span>
        <button
          type="button"
          onClick={onExportPng}
          disabled={!exportReady || exporting}
          className="border-r border-slate-200 px-2.5 py-1 hover:bg-slate-50 disabled:opacity-50 focus-ring-inset"
        >
          {exporting ? 'PNG…' : 'PNG'}
        </button>
        <button
          type="button"
          onClick={onExportJson}
          disabled={!jsonReady}
          className="px-2.5 py-1 hover:bg-slate-50 disabled:opacity-50 focus-ring-inset"
        >
          JSON
        </button>
      </div>
    </div>
  );
}

function ToolButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="min-w-8 border-r border-slate-200 px-2 py-1 text-xs font-medium text-slate-700 last:border-r-0 hover:bg-slate-50 focus-ring-inset"
    >
      {children}
    </button>
  );
}
