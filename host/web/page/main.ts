/**
 * The page: connect, flash, which car, the key count, the session, the
 * result, and a monitor tab. The same core as the CLI: the flasher, the line
 * parser, the session summary, the advisor and the timing picture run here
 * unchanged; only the transport differs (board.ts).
 */
import type { Recipe } from "../../../firmware/recipes/types";
import { MAX_KEYS } from "../../../firmware/recipes/types";
import type { Advice } from "../../advisor/advise";
import { renderTimingSvg } from "../../pictures/timing-svg";
import type { DeviceEvent } from "../../protocol/event-line";
import { secondsText } from "../../protocol/texts";
import { safetyWarning } from "../../recipes/safety-warning";
import type { PairSummary } from "../../session/pair-summary";
import { radioNames, radiosOnInWords, radiosProblem } from "../../flash/radios-warning";
import { baudHint, connectBoard, firmwareBuild, requestWebSerialPort, type Board } from "./board";
import { adviceFor, MAKES, recipeChoices, recipeNamed } from "./car";
import { firmwareImage, flashBoard, type FirmwareImage } from "./flash";
import type { InstallPort } from "./install";
import { startMonitor } from "./monitor";
import { pairOnBoard } from "./pairing";
import { byId, download, el, openStep, show } from "./ui";

const token = new URLSearchParams(location.search).get("token");
/** The page's one step that closes the radios: the flash with its box ticked (the CLI's flash --lock-radios). */
const RADIOS_PAGE_STEP = "Flash again with \u201cSwitch Wi-Fi and Bluetooth off for good first\u201d ticked (step 3): the chip stores it, erases its saved code and restarts, and the flash puts fobsync back.";
let board: Board | null = null;
let image: FirmwareImage | null = null;
let recipe: Recipe | null = null;
let logName = "fobsync-session.ndjson";
/** The port step 1 installed Espruino on: step 2 connects to it without asking again. */
let installedPort: InstallPort | null = null;

function status(id: string, text: string, tone: "" | "ok" | "error" = ""): void {
  const e = byId(id);
  e.textContent = text;
  e.className = `status ${tone}`;
}

async function connect(): Promise<void> {
  const button = byId<HTMLButtonElement>("connect");
  button.disabled = true;
  status("connect-status", "Connecting...");
  try {
    board = await connectBoard(token, Number(byId<HTMLSelectElement>("baud").value), installedPort);
  } catch (err) {
    button.disabled = false;
    return status("connect-status", (err as Error).message, "error");
  }
  startMonitor(board);
  board.link.onClose((why) => why === "disconnected" && status("connect-status", "The board went away (unplugged?): connect again.", "error"));
  const answered = await firmwareBuild(board);
  const build = answered?.build ?? null;
  // no answer: either no fobsync yet (an Espruino REPL answers), or the wrong baud rate (garbage or silence)
  const hint = build ? "" : ` The line: ${await baudHint(board)}.`;
  status("connect-status", `Connected: ${board.description}. ${build ? `fobsync firmware build ${build} answers.` : `No fobsync firmware answers: flash it.${hint}`}`, "ok");
  const radios = radiosOnInWords(answered?.radios);
  showRadios(radios);
  image = await firmwareImage();
  openStep("step-flash");
  byId<HTMLInputElement>("lock-radios").checked = radios !== "";
  byId("flash-about").textContent = `This page carries fobsync ${image.version}, build ${image.build} (${image.bytes.length} bytes) and its recipes.` + (build === image.build ? " The board already runs it." : "");
  if (!build) byId<HTMLButtonElement>("skip-flash").disabled = true;
}

/** Step 1: write Espruino's release on a bare board over Web Serial, verified by MD5 on the chip, then read its banner. */
async function install(): Promise<void> {
  const button = byId<HTMLButtonElement>("install");
  const files = [...(byId<HTMLInputElement>("espruino-files").files ?? [])];
  const progress = byId<HTMLProgressElement>("install-progress");
  // step 2 holds the port open, and the ROM loader needs it to itself
  if (board) return status("install-status", "The board is connected (step 2): reload the page, then install Espruino first.", "error");
  button.disabled = true;
  try {
    // esptool-js and its chips' stubs load only when a board gets Espruino
    const { installFromPage, releaseFromPicked } = await import("./install");
    const image = await releaseFromPicked(files);
    status("install-status", `Espruino for an ${image.chip}: ${image.parts.map((p) => `${p.name} at 0x${p.address.toString(16)}`).join(", ")}. Choose the board's port...`);
    const port = (await requestWebSerialPort()) as InstallPort;
    progress.hidden = false;
    progress.value = 0;
    status("install-status", "Connecting to the chip's ROM loader...");
    const done = await installFromPage(port, image, {
      erase: byId<HTMLInputElement>("install-erase").checked,
      noReset: byId<HTMLInputElement>("install-no-reset").checked,
      onLog: () => undefined,
      onProgress: (written, total) => {
        progress.value = total ? written / total : 0;
        status("install-status", `Writing: ${written} of ${total} bytes`);
      },
      onBanner: () => {
        progress.value = 1;
        status("install-status", "Written and verified by MD5 on the chip. Resetting the board, waiting for Espruino's banner...");
      },
    });
    installedPort = port;
    status("install-status", `${done.runs.text} runs on the board (${done.result.chip}, MAC ${done.result.mac}): ${done.result.parts.map((p) => p.name).join(", ")} written and verified by MD5 on the chip. Next: connect (step 2).`, "ok");
  } catch (err) {
    const e = err as Error & { hint?: string };
    status("install-status", `Install failed: ${e.message}.${e.hint ? ` ${upperFirst(e.hint)}.` : ""}`, "error");
  } finally {
    button.disabled = false;
  }
}

const upperFirst = (s: string): string => s[0].toUpperCase() + s.slice(1);

async function flash(): Promise<void> {
  if (!board || !image) return;
  const progress = byId<HTMLProgressElement>("flash-progress");
  progress.hidden = false;
  byId<HTMLButtonElement>("flash").disabled = true;
  byId<HTMLButtonElement>("skip-flash").disabled = true;
  try {
    const lock = byId<HTMLInputElement>("lock-radios");
    const r = await flashBoard(board, image, (p) => {
      progress.value = p.total ? p.sent / p.total : 0;
      status("flash-status", `${p.phase}: ${p.sent} of ${p.total} bytes`);
    }, lock.checked);
    const locked = radioNames(r.radiosLocked);
    const used = (Object.keys(r.lines) as (keyof typeof r.lines)[]).filter((e) => r.lines[e] > 0).join(" and ");
    status("flash-status", `Flashed and verified: ${r.bytes} bytes (${used} chunks, ${r.wireBytes} bytes on the wire), CRC ${(r.crc >>> 0).toString(16).padStart(8, "0")} matches, the board booted build ${r.build}.` + (locked ? ` ${locked} switched off for good.` : ""), "ok");
    const stillOn = radioNames(r.radios);
    showRadios(stillOn);
    lock.checked = stillOn !== "";
    byId<HTMLButtonElement>("flash").disabled = false; // again, e.g. to switch the radios off
    carStep();
  } catch (err) {
    byId<HTMLButtonElement>("flash").disabled = false;
    status("flash-status", `Flash failed: ${(err as Error).message}`, "error");
  }
}

/** The warning while the board has a radio on (`on` in words, "" for none), with the page's one step that closes it. */
function showRadios(on: string): void {
  show(byId("radios"), ...(on === "" ? [] : [el("p", {}, radiosProblem(on)), el("p", {}, RADIOS_PAGE_STEP)]));
}

function carStep(): void {
  const make = byId<HTMLSelectElement>("car-make");
  if (make.options.length === 0) for (const m of MAKES) make.append(el("option", { value: m }, makeName(m)));
  const choice = byId<HTMLSelectElement>("recipe-choice");
  if (choice.options.length === 1) for (const r of recipeChoices()) choice.append(el("option", { value: r.name }, `${r.name}: ${r.title}`));
  openStep("step-car");
}

/** A make as its badge reads: "MINI", "BMW", "GMC", "Ford". */
function makeName(m: string): string {
  return ["mini", "bmw", "gm", "gmc", "vw"].includes(m) ? m.toUpperCase() : m[0].toUpperCase() + m.slice(1);
}

function which(): void {
  const num = (id: string) => Number(byId<HTMLInputElement>(id).value);
  const a = adviceFor({ make: byId<HTMLSelectElement>("car-make").value, year: num("car-year"), month: num("car-month"), buttons: num("car-buttons"), model: byId<HTMLInputElement>("car-model").value.trim() });
  if (typeof a === "string") return show(byId("advice"), el("p", { class: "error" }, a));
  showAdvice(a);
  if (a.recipe) choose(a.recipe);
}

function showAdvice(a: Advice): void {
  const list = (items: string[]) => el("ul", {}, ...items.map((t) => el("li", {}, t)));
  show(
    byId("advice"),
    el(
      "div",
      { class: "advice" },
      el("p", {}, el("strong", {}, a.car), " - ", a.recipe ? el("span", { class: "ok" }, `recipe ${a.recipe}`) : el("span", { class: "error" }, `no recipe yet (${a.verdict})`)),
      el("h3", {}, "Why"),
      list([...(a.assumedModel ? ["No model given: assuming a MINI R50/R52/R53 (for a BMW, fill in Model, e.g. E46)."] : []), ...a.reasons]),
      a.warnings.length ? el("h3", {}, "Important") : null,
      a.warnings.length ? el("div", { class: "warn" }, list(a.warnings)) : null,
      el("h3", {}, "Sources"),
      list(a.sources),
    ),
  );
}

function choose(name: string): void {
  recipe = recipeNamed(name) ?? null;
  if (!recipe) return;
  byId<HTMLSelectElement>("recipe-choice").value = name;
  const keys = byId<HTMLInputElement>("keys");
  keys.max = String(Math.min(recipe.maxKeys, MAX_KEYS));
  byId("forum-row").hidden = recipe.confidence !== "forum";
  openStep("step-keys");
  keysChanged();
}

function keysChanged(): void {
  if (!recipe) return;
  const n = Number(byId<HTMLInputElement>("keys").value) || 1;
  const forum = recipe.confidence === "forum" ? [`${recipe.name} comes from forum posts only (${recipe.sources.map((s) => s.cite).join("; ")}): timings may be wrong for your car.`] : [];
  show(byId("safety"), ...[...safetyWarning(recipe, n), ...forum].map((t) => el("p", {}, t)));
}

async function start(): Promise<void> {
  if (!board || !recipe) return;
  const keys = Number(byId<HTMLInputElement>("keys").value);
  const owned = Number(byId<HTMLInputElement>("keys-owned").value);
  if (!(keys >= 1 && keys <= recipe.maxKeys)) return status("keys-status", `${recipe.name} takes 1 to ${recipe.maxKeys} keys.`, "error");
  if (owned !== keys) return status("keys-status", `You own ${owned || "?"} keys but the session has ${keys}: every key you own must be in it. Nothing was sent.`, "error");
  const forum = recipe.confidence === "forum";
  if (forum && !byId<HTMLInputElement>("forum-ok").checked) return status("keys-status", "Accept the forum-only source first. Nothing was sent.", "error");
  status("keys-status", "");
  byId<HTMLButtonElement>("start").disabled = true;
  openStep("step-run");
  const instruction = byId("instruction");
  instruction.classList.remove("idle");
  instruction.textContent = "Waiting for the board...";
  const abort = new AbortController();
  const stop = byId<HTMLButtonElement>("stop");
  stop.onclick = () => abort.abort();
  const lines = byId("run-lines");
  try {
    const { summary, events } = await pairOnBoard(board, recipe, keys, forum, {
      instruction: (text, ms) => (instruction.textContent = text + (ms > 0 ? `  (you have ${secondsText(ms)})` : "")),
      countdown: (text) => (byId("countdown").textContent = text ?? ""),
      line: (line) => lines.append(el("div", { class: "line" }, line.text)),
    }, abort.signal);
    stop.disabled = true;
    instruction.classList.add("idle");
    instruction.textContent = "The session is over: its result is below.";
    results(summary, events);
  } catch (err) {
    stop.disabled = true;
    instruction.textContent = (err as Error).message;
    byId<HTMLButtonElement>("start").disabled = false;
  }
}

function results(summary: PairSummary, events: DeviceEvent[]): void {
  openStep("step-results");
  const v = byId("verdict");
  v.textContent = summary.ok ? `All ${summary.keysAsked} keys confirmed (${summary.recipe}).` : summary.reason === "abort" ? "Stopped: the board released every button. Keys not confirmed may not work: run the whole session again." : `${summary.keysConfirmed} of ${summary.keysAsked} keys confirmed (${summary.recipe}, ended: ${summary.reason}).`;
  v.className = `verdict ${summary.ok ? "ok" : "error"}`;
  show(
    byId("results").querySelector("tbody")!,
    ...summary.keys.map((k) => el("tr", {}, el("td", {}, String(k.key)), el("td", {}, k.byHand ? "by hand" : String(k.fob ?? "-")), el("td", { class: k.result === "confirmed" ? "ok" : "error" }, k.result), el("td", {}, k.text || k.reason))),
  );
  const svg = new DOMParser().parseFromString(renderTimingSvg(events), "image/svg+xml").documentElement;
  show(byId("timing"), document.importNode(svg, true));
  zoomTiming(false);
  logName = `fobsync-${summary.recipe}-${new Date().toISOString().replace(/[:.]/g, "-")}.ndjson`;
  byId<HTMLButtonElement>("download-log").disabled = false;
  // another session (the same car, another key count) can start from step 5
  byId<HTMLButtonElement>("start").disabled = false;
}

/** The timing picture fitted to the card (the whole session at a glance), or at full size, scrolling sideways. */
function zoomTiming(full: boolean): void {
  byId("timing").classList.toggle("full", full);
  byId("timing-zoom").textContent = full ? "Fit to the page" : "Full size";
}

function tabs(): void {
  const pair = byId("tab-pair");
  const monitor = byId("tab-monitor");
  const select = (onMonitor: boolean) => {
    pair.setAttribute("aria-selected", String(!onMonitor));
    monitor.setAttribute("aria-selected", String(onMonitor));
    byId("pair").hidden = onMonitor;
    byId("monitor").hidden = !onMonitor;
  };
  pair.onclick = () => select(false);
  monitor.onclick = () => select(true);
}

function init(): void {
  tabs();
  byId("connect-how").textContent = token
    ? "This page was opened by fobsync web: it reaches the board through that server."
    : "Plug the board in by USB, then choose its port (Web Serial: Chrome, Edge or Opera).";
  const files = byId<HTMLInputElement>("espruino-files");
  files.onchange = () => (byId<HTMLButtonElement>("install").disabled = !files.files?.length);
  byId("install").onclick = () => void install();
  if (token) {
    // the bridge holds the port, and carries no modem lines or baud changes for the ROM loader
    byId("install-how").textContent = "This page reaches the board through fobsync web, which holds its port: to put Espruino on a bare board, stop fobsync web and run fobsync install-espruino --port <port> --from <the release zip>.";
    for (const id of ["espruino-files", "install-erase", "install-no-reset"]) byId<HTMLInputElement>(id).disabled = true;
    byId("step-install").classList.add("locked");
  }
  byId("connect").onclick = () => void connect();
  byId("flash").onclick = () => void flash();
  byId("skip-flash").onclick = () => carStep();
  byId("which").onclick = () => which();
  byId<HTMLSelectElement>("recipe-choice").onchange = (e) => choose((e.target as HTMLSelectElement).value);
  byId("keys").oninput = () => keysChanged();
  byId("start").onclick = () => void start();
  byId("timing-zoom").onclick = () => zoomTiming(!byId("timing").classList.contains("full"));
  byId("download-log").onclick = () => board && download(logName, board.recording.text(), "application/x-ndjson");
}

init();
