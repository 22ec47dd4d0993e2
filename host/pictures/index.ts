/** The pictures: wiring diagram and table, timing diagram of a session log. */
export { renderWiringSvg } from "./wiring-svg";
export { layoutWiring, type WiringLayout, type WiringRowLayout } from "./wiring-layout";
export { wiringTable, resistorPhrases, type WiringRow } from "./wiring-table";
export { wiringMarkdown, wiringDocSection, TABLE_START, TABLE_END } from "./wiring-markdown";
export { renderTimingSvg } from "./timing-svg";
export { layoutTiming, tickStep, type TimingLayout, type TimingOptions } from "./timing-layout";
export { buildTimingModel, type TimingModel } from "./timing-model";
export { parseSessionLog, pickSession, type LogSession, type ParsedLog } from "./session-log";
export { loadBoard } from "./board-source";
export { PictureInputError } from "./errors";
export { writeTimingSvg, timingSvgFromLog } from "./write-timing";
