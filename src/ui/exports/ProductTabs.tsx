import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab {
  readonly id: string;
  readonly label: string;
}

/**
 * An accessible tab list (WAI-ARIA tabs, automatic activation): one tab stop, arrow keys move and select,
 * Home/End jump; only the selected tab's panel is rendered.
 */
export function ProductTabs({ tabs, selected, onSelect, label, children }: {
  readonly tabs: readonly Tab[];
  readonly selected: string;
  readonly onSelect: (id: string) => void;
  readonly label: string;
  readonly children: ReactNode;
}) {
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const index = Math.max(0, tabs.findIndex((t) => t.id === selected));
  const current = tabs[index];
  const tabId = (id: string) => `${base}-tab-${id.replace(/\W+/g, '-')}`;
  const panelId = `${base}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: tabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined || tabs.length === 0) return;
    event.preventDefault();
    event.stopPropagation(); // the simulator's own arrow keys step the run; these belong to the tab list
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <div className="product-tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="tablist">
        {tabs.map((tab) => {
          const active = tab.id === current?.id;
          return (
            <button key={tab.id} type="button" role="tab" id={tabId(tab.id)} aria-selected={active} aria-controls={panelId}
              tabIndex={active ? 0 : -1} onClick={() => onSelect(tab.id)}
              ref={(el) => { if (el) refs.current.set(tab.id, el); else refs.current.delete(tab.id); }}>
              {tab.label}
            </button>
          );
        })}
      </div>
      {current && (
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(current.id)} className="tabpanel">
          {children}
        </div>
      )}
    </div>
  );
}
