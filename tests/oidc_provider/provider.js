// A real OpenID Connect provider (node-oidc-provider, a certified implementation) on loopback, for
// the browser tests of signing in through the department's identity provider
// (tests/test_browser_identity.py starts it through tests/oidc_support.py).
//
//   PORT=9000 REDIRECT_URI=http://localhost:8501/oauth2callback CLIENT_SECRET=... node provider.js
//
// One client (the app), the people of users.json with a password each, their e-mail, whether the
// provider has verified it, and a `groups` claim (released with the `profile` scope, as a
// provider configured to send groups does), and a login page of its own. Claims are put into the
// ID token itself (Streamlit reads the ID token, not the userinfo endpoint), consent is taken as
// given (a first-party app), and signing out asks "Do you want to sign out?" as providers do.
import './webcrypto.js';
import http from 'node:http';
import { readFileSync } from 'node:fs';

import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const redirectUri = process.env.REDIRECT_URI;
const clientSecret = process.env.CLIENT_SECRET;
const issuer = `http://127.0.0.1:${port}`;
const people = JSON.parse(readFileSync(new URL('./users.json', import.meta.url), 'utf8'));
const bySubject = Object.fromEntries(Object.entries(people).map(([login, p]) => [p.sub, { login, ...p }]));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, error = '') {
  return page('Test identity provider: sign in', `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
  <label>Username <input name="login" required></label>
  <label>Password <input name="password" type="password" required></label>
  <button type="submit">Continue</button>
</form>`);
}

async function logoutSource(ctx, form) {
  ctx.body = page('Sign out of the test identity provider', `${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'community-relations',
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-provider-cookie-key-0123456789abcdef'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username', 'groups'],
  },
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const person = bySubject[sub];
    if (!person) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...person.claims }) };
  },
  // a first-party app: what it asks for is granted without a consent screen
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    await grant.save();
    return grant;
  },
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const login = path.match(/^\/interaction\/([^/]+)\/login$/);
  const show = path.match(/^\/interaction\/([^/]+)$/);
  try {
    if (show && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginForm(details.uid));
      return;
    }
    if (login && req.method === 'POST') {
      const details = await provider.interactionDetails(req, res);
      const form = await readForm(req);
      const person = people[form.get('login')];
      if (!person || person.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginForm(details.uid, 'Wrong username or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
      return;
    }
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${error.message}`);
    return;
  }
  callback(req, res);
});

server.listen(port, '127.0.0.1', () => console.log(`test identity provider at ${issuer}`));
