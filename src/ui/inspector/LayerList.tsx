import type { InspectorLayer } from './fields';

export interface LayerListProps {
  readonly layers: readonly InspectorLayer[];
  readonly activeKey: string | null;
  readonly onField: (key: string | null) => void;
}

/**
 * The packet's layers, outermost first, each field with its value and, where the engine gave one, what it means.
 * Hovering or focusing a field highlights its bytes in the hex dump. A layer stays open unless it is very long (a
 * TLS 1.3 ClientHello has about 55 fields and is what a learner opens the inspector for).
 */
export function LayerList({ layers, activeKey, onField }: LayerListProps) {
  return (
    <div className="layers">
      {layers.map((layer) => (
        <details key={layer.key} className="layer" open={layer.fields.length <= 80}>
          <summary><strong>{layer.title}</strong>: {layer.summary}</summary>
          <ul className="layer-fields">
            {layer.fields.map((field, i) => {
              const key = `${layer.key}:${i}`;
              const bytes = layer.inPayload ? ` (bytes ${field.offset}–${field.offset + field.length - 1})` : '';
              return (
                <li key={key}>
                  <button type="button" className={`field${activeKey === key ? ' on' : ''}`}
                    onMouseEnter={() => layer.inPayload && onField(key)} onMouseLeave={() => onField(null)}
                    onFocus={() => layer.inPayload && onField(key)} onBlur={() => onField(null)}
                    onClick={() => onField(layer.inPayload ? key : null)}>
                    <span className="field-label">{field.label}</span>: <span className="field-value">{field.value.length > 96 ? `${field.value.slice(0, 95)}…` : field.value}</span>
                    <span className="field-bytes">{bytes}</span>
                  </button>
                  {field.explanation && <span className="field-explanation">{field.explanation}</span>}
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </div>
  );
}
