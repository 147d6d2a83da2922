import { useId, useState } from 'react';
import { MODE_LABELS, type Mode } from '../../sim/index';
import { selectCurrentRun, selectMode, selectScenarioId } from '../../state/selectors';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';
import './exports.css';
import { exportFileName, saveFile } from './saveFile';

/** What the capture of each mode shows when opened in Wireshark (with the embedded keys). */
const WHAT_IT_SHOWS: Record<Mode, string> = {
  passthrough: 'one TLS session from the client to a backend, carried through the load balancer: the same encrypted records on the internet link and on the internal link (the load balancer only read the cleartext handshake: the SNI, the ALPN list where the client sends one, and up to TLS 1.2 the server certificate).',
  offload: 'TLS on the internet link only: the load balancer decrypts, and the internal link carries plain HTTP that any tap can read without keys.',
  bridge: 'two separate TLS sessions: client to load balancer on the internet link, load balancer to backend on the internal link, each with its own keys (the load balancer reads the HTTP in between).',
};

type Busy = 'capture' | 'keys' | null;

/** "Download capture" and "Download TLS keys": the current mode's run as pcapng and as an NSS key log. */
export function CaptureExport() {
  const run = useDeferredSim(selectCurrentRun);
  const mode = useSim(selectMode);
  const scenarioId = useSim(selectScenarioId);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState('');
  const timeline = run?.timeline;
  const disabled = !timeline || busy !== null;
  const ids = useId();
  const reasonId = `${ids}-reason`;
  const captureNote = `${ids}-capture`;
  const keysNote = `${ids}-keys`;

  const download = async (kind: Exclude<Busy, null>) => {
    if (!timeline) return;
    setBusy(kind);
    setMessage('');
    try {
      const { exportKeyLog, exportPcapng } = await import('../../sim/exports');
      if (kind === 'capture') {
        const name = exportFileName(timeline.scenarioId, timeline.mode, '.pcapng');
        saveFile(name, exportPcapng(timeline, { embedSecrets: true }), 'application/vnd.tcpdump.pcap');
        setMessage(`Saved ${name}.`);
      } else {
        const name = exportFileName(timeline.scenarioId, timeline.mode, '-keys.log');
        saveFile(name, exportKeyLog(timeline), 'text/plain');
        setMessage(`Saved ${name}.`);
      }
    } catch (error) {
      setMessage(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="capture-export panel" data-panel="capture" aria-labelledby="capture-heading">
      <h2 id="capture-heading">Capture and TLS keys</h2>
      <p className="panel-note">
        The {MODE_LABELS[mode]} run of scenario <code>{scenarioId}</code> as a packet capture: both links as two
        interfaces, every TCP segment with the engine's real bytes. It shows {WHAT_IT_SHOWS[mode]}
      </p>
      {!timeline && <p id={reasonId} className="panel-note">Disabled while the run is computing.</p>}
      <div className="export-row">
        <button type="button" onClick={() => void download('capture')} disabled={disabled} aria-describedby={timeline ? captureNote : `${reasonId} ${captureNote}`}>
          Download capture
        </button>
        <span id={captureNote} className="export-note">.pcapng: opens decrypted in Wireshark 3.0+; TLS keys are embedded.</span>
      </div>
      <div className="export-row">
        <button type="button" onClick={() => void download('keys')} disabled={disabled} aria-describedby={timeline ? keysNote : `${reasonId} ${keysNote}`}>
          Download TLS keys
        </button>
        <span id={keysNote} className="export-note">
          NSS key log ({timeline?.protocol.id === 'tls1.3' ? <><code>CLIENT_HANDSHAKE_TRAFFIC_SECRET</code>, <code>SERVER_HANDSHAKE_TRAFFIC_SECRET</code>, <code>CLIENT_TRAFFIC_SECRET_0</code> and <code>SERVER_TRAFFIC_SECRET_0</code></> : <code>CLIENT_RANDOM</code>} lines, the SSLKEYLOGFILE format) for other tools.
        </span>
      </div>
      <p className="panel-note" role="status" aria-live="polite">{message}</p>
    </section>
  );
}
