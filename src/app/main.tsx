// First: the engine worker starts before React and the app are even parsed (./earlyWorker). This entry is kept
// tiny on purpose: the app arrives as its own chunk, so the worker's download, start-up and first keys overlap
// the parsing of React and the app instead of waiting for it.
import './earlyWorker';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  import('./renderApp')
    .then(({ renderApp }) => renderApp(root))
    .catch((error: unknown) => {
      // Plain text only: nothing here is rendered as HTML.
      root.textContent = `Passthrough Lab could not load its code (${(error as Error).message ?? String(error)}). Reload the page to try again.`;
    });
}
