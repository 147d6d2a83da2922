/**
 * Markup and stylesheet of the demo shop. The UI shows these bodies as text (they are never rendered), but they
 * are written as realistic pages so a learner reading a decrypted capture recognises a real web app.
 */
import { PRODUCTS } from './shopSql';

/** Escapes text for HTML. Used everywhere except the comment list, which is the deliberate stored-XSS sink. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, backendName: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)} · Passthrough Shop</title>
  <link rel="stylesheet" href="/static/app.css">
</head>
<body>
  <header class="site-header"><a class="brand" href="/">Passthrough Shop</a>
    <nav><a href="/cart">Cart</a> <a href="/account">Account</a> <a href="/whoami">Who am I?</a></nav>
  </header>
  <main>
${main}
  </main>
  <footer class="site-footer">Served by ${escapeHtml(backendName)}</footer>
</body>
</html>
`;
}

/**
 * Renders stored comments verbatim. This is the bug the WAF scenarios are about: a comment containing
 * `<script>` is sent back to every visitor as markup (stored XSS, OWASP A03).
 */
function commentList(comments: readonly string[]): string {
  if (comments.length === 0) return '    <p class="empty">No comments yet.</p>';
  return `    <ul class="comments">\n${comments.map((c) => `      <li>${c}</li>`).join('\n')}\n    </ul>`;
}

/** The home page: products, login and search forms, and the comment wall. */
export function homePage(backendName: string, comments: readonly string[]): string {
  const products = PRODUCTS.filter((p) => p.hidden === 0)
    .map((p) => `      <li class="product" data-id="${p.id}">${escapeHtml(p.name)}</li>`)
    .join('\n');
  return page(
    'Home',
    backendName,
    `    <h1>Welcome to the Passthrough Shop</h1>
    <p class="served-by">Served by ${escapeHtml(backendName)}</p>
    <ul class="products">
${products}
    </ul>
    <form class="login" method="post" action="/login">
      <label>User <input name="user" autocomplete="username"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button>Sign in</button>
    </form>
    <form class="search" method="get" action="/search">
      <input name="q" placeholder="Search products"> <button>Search</button>
    </form>
    <h2>Comments</h2>
${commentList(comments)}
    <form class="comment" method="post" action="/comment">
      <textarea name="comment"></textarea> <button>Post</button>
    </form>`,
  );
}

/** The page after a successful login. */
export function loginPage(backendName: string, user: string): string {
  return page('Signed in', backendName, `    <h1>Signed in as ${escapeHtml(user)}</h1>\n    <p><a href="/cart">View your cart</a></p>`);
}

/** The page after posting a comment: the whole wall, echoed raw. */
export function commentsPage(backendName: string, comments: readonly string[]): string {
  return page('Comments', backendName, `    <h1>Thanks for your comment</h1>\n${commentList(comments)}`);
}

/** A short page with a heading and a sentence (errors, redirects). */
export function messagePage(backendName: string, title: string, text: string): string {
  return page(title, backendName, `    <h1>${escapeHtml(title)}</h1>\n    <p>${escapeHtml(text)}</p>`);
}

/** The site stylesheet, about 2 KB and repetitive, as real CSS is, so that compression visibly pays off. */
export const APP_CSS = `/* Passthrough Shop — site styles */
:root {
  --color-text: #1f2933;
  --color-muted: #52606d;
  --color-accent: #0b6bcb;
  --color-accent-dark: #084f96;
  --color-surface: #ffffff;
  --color-background: #f5f7fa;
  --color-border: #d9e2ec;
  --radius: 6px;
  --space-2: 8px;
  --space-3: 16px;
  --space-4: 24px;
  --font-body: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--font-body); color: var(--color-text); background: var(--color-background); }
a { color: var(--color-accent); text-decoration: none; }
a:hover, a:focus { color: var(--color-accent-dark); text-decoration: underline; }
.site-header { display: flex; justify-content: space-between; align-items: center; padding: var(--space-3) var(--space-4); background: var(--color-surface); border-bottom: 1px solid var(--color-border); }
.site-header .brand { font-weight: 700; font-size: 1.25rem; color: var(--color-text); }
main { max-width: 960px; margin: 0 auto; padding: var(--space-4); }
h1 { font-size: 1.75rem; margin: 0 0 var(--space-3); }
h2 { font-size: 1.25rem; margin: var(--space-4) 0 var(--space-2); }
.served-by { color: var(--color-muted); font-size: 0.875rem; }
.products { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: var(--space-3); padding: 0; list-style: none; }
.product { padding: var(--space-3); background: var(--color-surface); border: 1px solid var(--color-border); border-radius: var(--radius); }
form { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: center; margin: var(--space-3) 0; }
label { display: flex; flex-direction: column; color: var(--color-muted); font-size: 0.875rem; }
input, textarea { padding: var(--space-2); border: 1px solid var(--color-border); border-radius: var(--radius); font: inherit; }
button { padding: var(--space-2) var(--space-3); border: 0; border-radius: var(--radius); background: var(--color-accent); color: #ffffff; font: inherit; cursor: pointer; }
button:hover, button:focus { background: var(--color-accent-dark); }
.comments { padding: 0; list-style: none; }
.comments li { padding: var(--space-2) var(--space-3); margin-bottom: var(--space-2); background: var(--color-surface); border: 1px solid var(--color-border); border-radius: var(--radius); }
.empty { color: var(--color-muted); font-style: italic; }
.site-footer { padding: var(--space-3) var(--space-4); color: var(--color-muted); font-size: 0.75rem; text-align: center; border-top: 1px solid var(--color-border); }
`;
