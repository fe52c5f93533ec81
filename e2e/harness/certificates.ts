import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the PKI the test API server uses. */
export interface Certificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The key the API server signs ServiceAccount tokens with (private) and checks them with (public). */
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

const openssl = (args: string[]): void => {
  execFileSync('openssl', args, { stdio: 'pipe' });
};

/**
 * A CA, a serving certificate for 127.0.0.1, a client certificate in `system:masters` (the test's admin) and the
 * ServiceAccount token signing key pair, made with openssl.
 */
export function makeCertificates(dir: string): Certificates {
  const p = (name: string) => join(dir, name);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=mlflow-kserve-e2e-ca',
  ]);
  writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1']);
  openssl([
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.crt'),
    '-days',
    '2',
    '-extfile',
    p('server.ext'),
  ]);
  writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('client.key'),
    '-out',
    p('client.csr'),
    '-subj',
    '/O=system:masters/CN=mlflow-kserve-e2e',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    p('client.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('client.crt'),
    '-days',
    '2',
    '-extfile',
    p('client.ext'),
  ]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p('sa.key')]);
  openssl(['pkey', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub')]);
  return {
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPublicKey: p('sa.pub'),
  };
}
