import type { Direction, LinkId } from '../../../sim/index';
import { fieldId } from './fieldIds';
import { CheckField, SelectField, type Choice } from './fields';
import { setFaults, type EditorForm, type FaultSwitch, type FaultsForm } from './formModel';
import type { UpdateForm } from './types';

const CERTIFICATES: readonly Choice[] = [
  { value: '', label: 'None: the right certificate' },
  { value: 'siteWrongHost', label: 'Wrong host: a certificate for another name' },
  { value: 'siteExpired', label: 'Expired' },
  { value: 'siteUntrusted', label: 'Untrusted CA: signed by a CA the browser does not know' },
];

const TAMPER_LINKS: readonly Choice[] = [
  { value: '', label: 'None' },
  { value: 'internet', label: 'On the internet link (client to load balancer)' },
  { value: 'internal', label: 'On the internal link (load balancer to backends)' },
];

const DIRECTIONS: readonly Choice[] = [
  { value: 'c2s', label: 'Towards the server' },
  { value: 's2c', label: 'Towards the client' },
];

const SWITCHES: ReadonlyArray<readonly [FaultSwitch, string]> = [
  ['impostorBackend', 'Impostor backend: backend-2 is replaced by one with a certificate from a rogue CA'],
  ['garbageClientHello', 'Garbage ClientHello: the client sends bytes that are not TLS to port 443'],
  ['stolenSiteKey', "Stolen site key: the site's private key has leaked to the eavesdroppers"],
  ['splitClientHello', 'Split ClientHello: it leaves in two TCP segments'],
];

/** What goes wrong on purpose. */
export function FaultsFieldset({ form, update }: { form: EditorForm; update: UpdateForm }) {
  const f = form.faults;
  const set = (patch: Partial<FaultsForm>): void => update((x) => setFaults(x, patch));
  return (
    <fieldset className="se-section se-faults">
      <legend>Faults</legend>
      <p className="se-intro">What goes wrong on purpose, so the learner sees who notices it in each mode.</p>
      <div className="se-option-grid">
        <SelectField id={fieldId('faults', 'serverCertificate')} label="Server certificate" value={f.serverCertificate} choices={CERTIFICATES}
          onChange={(v) => set({ serverCertificate: v as FaultsForm['serverCertificate'] })} />
        <SelectField id={fieldId('faults', 'tamper', 'link')} label="Tamper: flip a byte of the first application data"
          value={f.tamperLink} choices={TAMPER_LINKS} onChange={(v) => set({ tamperLink: v as '' | LinkId })} />
        <SelectField id={fieldId('faults', 'tamper', 'direction')} label="Tamper direction" value={f.tamperDirection} choices={DIRECTIONS}
          disabled={f.tamperLink === ''} hint={f.tamperLink === '' ? 'Choose a link to tamper on first.' : undefined}
          onChange={(v) => set({ tamperDirection: v as Direction })} />
        {SWITCHES.map(([name, label]) => (
          <CheckField key={name} id={fieldId('faults', name)} label={label} checked={f[name]} onChange={(v) => set({ [name]: v })} />
        ))}
      </div>
    </fieldset>
  );
}
