import { MODE_LABELS } from '../../sim/index';
import { selectMode } from '../../state/selectors';
import { useDeferredSim } from '../useDeferredSim';
import { RealConfigView } from './RealConfigView';

/**
 * "Real configuration": the current mode and options written for six real products (HAProxy, nginx, Envoy,
 * Traefik, Kubernetes ingress-nginx, AWS), each with the traps that bite in this mode.
 */
export function RealConfigPanel() {
  const mode = useDeferredSim(selectMode);
  return (
    <section className="real-config panel" data-panel="config" aria-labelledby="config-heading">
      <h2 id="config-heading">Real configuration</h2>
      <p className="panel-note">
        {MODE_LABELS[mode]} with this run's options, written for real load balancers. Every line that matters is
        commented; the notes are the traps.
      </p>
      <RealConfigView />
    </section>
  );
}
