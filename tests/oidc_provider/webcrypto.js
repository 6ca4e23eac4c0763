// Web Crypto where jose looks for it. Node 18 (Debian 12's nodejs package) offers it only as
// node:crypto's webcrypto, not as globalThis.crypto; imported first by provider.js so that it is
// in place before jose and oidc-provider load.
import { webcrypto } from 'node:crypto';

if (!globalThis.crypto) globalThis.crypto = webcrypto;
