/**
 * Test-only: run the real HAProxy in the foreground (`-db`) as a child process on loopback, wait until it
 * listens, and stop it. Everything is bounded: a HAProxy that does not listen within 5 s is killed and its
 * output becomes the error.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export const HAPROXY = '/usr/sbin/haproxy';
const LOOPBACK = '127.0.0.1';
const START_MS = 5_000;

/** A port nobody listens on right now (the kernel's pick; a tiny race is acceptable on loopback in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningHaproxy {
  /** Everything HAProxy printed (its log goes to stdout with `log stdout`). */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

export async function startHaproxy(configPath: string, listenPort: number): Promise<RunningHaproxy> {
  const child = spawn(HAPROXY, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_MS;
  while (!(await canConnect(listenPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`HAProxy did not start listening on ${listenPort}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { output: () => output, stop };
}

/** For afterAll: stops any HAProxy a failed test left behind (only the ones this module started). */
export async function stopAllHaproxy(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
