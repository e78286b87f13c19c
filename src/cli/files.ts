/**
 * The command's file side: reading CSV inputs (plain or gzip, told apart by their first
 * bytes), creating output folders and writing outputs, with every operating-system error
 * turned into one line in CLI terms (`CliError`, exit status 2).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { createGunzip } from "node:zlib";
import { CliError, EXIT_USAGE, fileError, isFileError } from "./errors.js";

/** Where progress goes while a large file is read. */
export interface ReadProgress {
  readonly err: (text: string) => void;
  /** Whether `err` is a terminal (progress then updates one line). */
  readonly errIsTty: boolean;
  /** Files at least this large show how much has been read. */
  readonly progressBytes: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The first bytes of a file (fewer when it is shorter). */
async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const startsWith = (bytes: Buffer, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads a CSV file as UTF-8 text: gzip-compressed files (`.csv.gz`, or any name) are
 * recognised by their first two bytes and decompressed as they stream in; a byte-order
 * mark is dropped. Zip archives and other binary files are refused with a message.
 *
 * @param what - how the command names the input, e.g. `--transactions`
 * @throws {CliError} for a file that cannot be read, is not text, or is a damaged gzip file
 */
export async function readCsvText(path: string, what: string, progress?: ReadProgress): Promise<string> {
  let size: number;
  let head: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    size = info.size;
    head = await firstBytes(path, 4);
  } catch (error) {
    throw isFileError(error) ? fileError("read", path, error) : error;
  }
  if (startsWith(head, ZIP_MAGIC)) {
    throw new CliError(`${what} ${path} is a zip archive: unzip it first, or give a .csv or .csv.gz file`);
  }
  const gzip = startsWith(head, GZIP_MAGIC);
  const show = progress !== undefined && size >= progress.progressBytes;
  if (show) {
    const mb = (size / 1024 / 1024).toFixed(1);
    progress.err(`reading ${path} (${mb} MB${gzip ? ", gzip" : ""})\n`);
  }
  const chunks: Buffer[] = [];
  let read = 0;
  let nextReport = 0.1;
  const source = createReadStream(path);
  source.on("data", (chunk) => {
    read += chunk.length;
    if (show && read / size >= nextReport) {
      const percent = Math.floor((read / size) * 100);
      progress.err(progress.errIsTty ? `\r  read ${percent}%` : `  read ${percent}%\n`);
      while (nextReport <= read / size) nextReport += 0.1;
    }
  });
  try {
    const stream = gzip ? source.pipe(createGunzip()) : source;
    if (gzip) source.on("error", (error) => stream.destroy(error));
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    source.destroy();
    if (isFileError(error)) throw fileError("read", path, error);
    if (gzip) {
      const why = (error as Error).message;
      throw new CliError(`${what} ${path} is a damaged gzip file (${why})`, EXIT_USAGE, { cause: error });
    }
    throw error;
  }
  if (show && progress.errIsTty) progress.err("\n");
  const bytes = Buffer.concat(chunks);
  if (bytes.subarray(0, 65_536).includes(0)) {
    throw new CliError(
      `${what} ${path} is not a text file (it holds binary data): give a CSV file, plain or gzip-compressed`,
    );
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive `mkdir`
 * loops forever where the system refuses to create a folder under an existing one (in
 * /proc): here the first refusal is the answer.
 *
 * @throws {CliError} naming the folder that could not be created, or the file in the way
 */
export async function ensureFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      const info = await stat(current);
      if (!info.isDirectory()) {
        throw new CliError(`cannot create the folder ${dir}: ${current} is a file, not a folder`);
      }
      break;
    } catch (error) {
      if (error instanceof CliError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") throw fileError("create the folder", dir, error);
      const parent = dirname(current);
      if (parent === current) throw fileError("create the folder", dir, error);
      missing.push(current);
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST")
        throw fileError("create the folder", dir, error);
    }
  }
}

/** A sink for text written in pieces, with backpressure. */
export interface TextSink {
  write(text: string): Promise<void>;
}

/**
 * Writes a file through `produce`, which writes its text in pieces (so a large output is
 * never one string), creating the folder first. A failed write (a full disk, a
 * read-only file system) ends in a `CliError`, never half-reported.
 *
 * @throws {CliError} for a folder or file that cannot be created or written
 */
export async function writeFileInPieces(
  path: string,
  produce: (sink: TextSink) => Promise<void>,
): Promise<void> {
  await ensureFolder(dirname(path));
  const stream = createWriteStream(path);
  let failure: unknown;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const sink: TextSink = {
    write: (text) =>
      new Promise<void>((done, fail) => {
        if (failure !== undefined) return fail(failure);
        if (stream.write(text)) return done();
        const onDrain = () => {
          stream.off("error", onError);
          done();
        };
        const onError = (error: unknown) => {
          stream.off("drain", onDrain);
          fail(error);
        };
        stream.once("drain", onDrain);
        stream.once("error", onError);
      }),
  };
  try {
    await produce(sink);
    await new Promise<void>((done, fail) => {
      if (failure !== undefined) return fail(failure);
      stream.once("error", fail);
      stream.end((error?: Error | null) => {
        const problem = error ?? failure;
        return problem === undefined || problem === null ? done() : fail(problem);
      });
    });
  } catch (error) {
    stream.destroy();
    throw isFileError(error) ? fileError("write", path, error) : error;
  }
}

/** Writes a whole text file (small outputs). */
export function writeTextFile(path: string, text: string): Promise<void> {
  return writeFileInPieces(path, (sink) => sink.write(text));
}
