// Concurrency bench server: answers every GET with a ~1.5 KB JSON body (a page of GitHub integrations), over TLS,
// speaking HTTP/2 or HTTP/1.1 as the client's ALPN asks (node's http2 module, allowHTTP1). In front of it, a TCP
// proxy delays every chunk by half the round trip each way and a new connection by one round trip (the TCP
// handshake), so latency is the network's, handshakes included, and nothing on the server sleeps.
//   node h2-server.mjs KEY.pem CERT.pem RTT_MS    prints "port=N" (the proxy's), then serves until stdin closes
import http2 from 'node:http2';
import net from 'node:net';
import fs from 'node:fs';

const [keyFile, certFile, rttArg] = process.argv.slice(2);
const rtt = Number(rttArg ?? 50);
const body = JSON.stringify({ count: 1, next: null, previous: null, results: [{ id: 18, kind: 'github',
  config: { installation_id: '10000001', account: { type: 'Organization', name: 'initech' },
    repository_selection: 'selected' }, display_name: 'initech', errors: '', created_at: '2026-01-02T03:04:05Z',
  created_by: { id: 1, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
  installation_shared: false, installation_status: 'active', padding: 'x'.repeat(900) }] });
const stats = { connections: 0, h2Sessions: 0, requests: 0, maxStreams: 0, open: 0 };

const server = http2.createSecureServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile),
  allowHTTP1: true, settings: { maxConcurrentStreams: 200 } }, (req, res) => {
  if (req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  stats.requests++;
  stats.open++;
  stats.maxStreams = Math.max(stats.maxStreams, stats.open);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body, () => { stats.open--; });
});
server.on('secureConnection', () => { stats.connections++; });
server.on('session', () => { stats.h2Sessions++; });

server.listen(0, '127.0.0.1', () => {
  const upstream = server.address().port;
  const half = rtt / 2;
  const proxy = net.createServer((client) => {
    client.setNoDelay(true);
    client.pause();
    const up = net.connect(upstream, '127.0.0.1');
    up.setNoDelay(true);
    // The TCP handshake costs one round trip before anything flows.
    setTimeout(() => client.resume(), rtt);
    const pipe = (from, to) => {
      from.on('data', (chunk) => setTimeout(() => to.write(chunk), half));
      from.on('end', () => setTimeout(() => to.end(), half));
      from.on('error', () => to.destroy());
    };
    pipe(client, up);
    pipe(up, client);
  });
  proxy.listen(0, '127.0.0.1', () => {
    console.log(`port=${proxy.address().port}`);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
});
