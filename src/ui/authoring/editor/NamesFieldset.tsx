import { SITE_HOSTNAME } from '../../../sim/index';
import { fieldId } from './fieldIds';
import { TextField } from './fields';
import { API_HOSTNAME, setText, type EditorForm } from './formModel';
import { MAX_LENGTH } from './limits';
import type { UpdateForm } from './types';

/** The site's and the API's public names. */
export function NamesFieldset({ form, update }: { form: EditorForm; update: UpdateForm }) {
  return (
    <fieldset className="se-section se-names">
      <legend>Names</legend>
      <p className="se-intro" id={fieldId('names', 'intro')}>
        A hostname is the name the browser asks for. It appears in the SNI, in the certificate the demo CA signs for
        it, in the Host header, in the configurations and in the captures. Leave one empty for the lab&apos;s own name.
      </p>
      <TextField id={fieldId('hostname')} label="Site hostname" value={form.hostname} maxLength={MAX_LENGTH.hostname}
        placeholder={SITE_HOSTNAME} monospace
        hint={`The shop's name, such as training.acme.test (empty: ${SITE_HOSTNAME}).`}
        onChange={(v) => update((f) => setText(f, 'hostname', v))} />
      <TextField id={fieldId('apiHostname')} label="API hostname" value={form.apiHostname} maxLength={MAX_LENGTH.hostname}
        placeholder={API_HOSTNAME} monospace
        hint={`The API's name, the certificate's second name (empty: ${API_HOSTNAME}).`}
        onChange={(v) => update((f) => setText(f, 'apiHostname', v))} />
    </fieldset>
  );
}
