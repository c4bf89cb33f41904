/**
 * A network canary, run inside the test's network namespace (see
 * network-namespace.ts): it answers DNS on UDP and TCP port 53 with NXDOMAIN,
 * accepts TCP connections on the web ports (and a few others a browser is known
 * to use), takes any UDP datagram on 443 (QUIC) and 123 (NTP), and writes one
 * JSON line on stdout for each query, connection or datagram. The namespace
 * routes every address to its loopback, so whatever host a process there tries
 * to reach, the canary sees it. Prints `{"ready":true}` once every socket listens.
 *
 * Not a test file; plain JavaScript so that it runs under `node` without a build.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const TCP_PORTS = [9, 53, 80, 443, 853, 5228, 8080, 8443];
const UDP_PORTS = [53, 123, 443];

const record = (event) => process.stdout.write(JSON.stringify({ at: Date.now(), ...event }) + '\n');

/** The first question of a DNS message: its name (dotted) and type, or undefined when it is not one. */
function question(message) {
  if (message.length < 12 || message.readUInt16BE(4) < 1) return undefined;
  const labels = [];
  let at = 12;
  while (at < message.length) {
    const length = message[at];
    if (length === 0) break;
    if (length > 63 || at + 1 + length > message.length) return undefined;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  const type = at + 3 <= message.length ? message.readUInt16BE(at + 1) : 0;
  return { name: labels.join('.'), type, end: at + 5 };
}

/** NXDOMAIN for the query: the header with QR, RD, RA and rcode 3, and the question echoed back. */
function nxdomain(message, q) {
  const reply = Buffer.from(message.subarray(0, q ? Math.min(q.end, message.length) : 12));
  reply.writeUInt16BE(0x8183, 2);
  reply.writeUInt16BE(q ? 1 : 0, 4);
  reply.writeUInt32BE(0, 6);
  reply.writeUInt16BE(0, 10);
  return reply;
}

const listening = [];

for (const port of UDP_PORTS) {
  const socket = createSocket({ type: 'udp6', ipv6Only: false });
  socket.on('message', (message, from) => {
    if (port === 53) {
      const q = question(message);
      record({ kind: 'dns', transport: 'udp', name: q?.name ?? '?', type: q?.type ?? 0, from: from.address });
      socket.send(nxdomain(message, q), from.port, from.address);
    } else {
      record({ kind: 'udp', port, bytes: message.length, from: from.address });
    }
  });
  listening.push(new Promise((resolve, reject) => socket.once('error', reject).bind(port, '::', resolve)));
}

for (const port of TCP_PORTS) {
  const server = createServer((connection) => {
    const event = { kind: 'tcp', port, to: connection.localAddress, from: connection.remoteAddress };
    if (port !== 53) {
      record(event);
      // Whatever is sent first (a TLS ClientHello names the host it wants), then the connection is closed.
      connection.once('data', (chunk) => {
        record({ ...event, kind: 'tcp-data', first: chunk.subarray(0, 200).toString('latin1').replace(/[^\x20-\x7e]+/g, '.') });
        connection.destroy();
      });
      connection.on('error', () => undefined);
      setTimeout(() => connection.destroy(), 2000).unref();
      return;
    }
    // DNS over TCP: two length bytes, then the message.
    let buffered = Buffer.alloc(0);
    connection.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        const q = question(message);
        record({ kind: 'dns', transport: 'tcp', name: q?.name ?? '?', type: q?.type ?? 0, from: connection.remoteAddress });
        const reply = nxdomain(message, q);
        const length = Buffer.alloc(2);
        length.writeUInt16BE(reply.length);
        connection.write(Buffer.concat([length, reply]));
      }
    });
    connection.on('error', () => undefined);
  });
  listening.push(new Promise((resolve, reject) => server.once('error', reject).listen({ port, host: '::', ipv6Only: false }, resolve)));
}

Promise.all(listening).then(
  () => record({ ready: true }),
  (error) => {
    process.stderr.write(`network canary: ${error.message}\n`);
    process.exit(1);
  },
);
// Ends when the test closes its stdin (or kills it).
process.stdin.on('end', () => process.exit(0)).resume();
