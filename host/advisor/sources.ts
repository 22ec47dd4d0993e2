/**
 * Sources the advisor cites (shared/domain.md). Keys are short ids used in
 * advice records; values are what the user can look up.
 */
export const SOURCES = {
  seed: "the seed forum thread (2004 Cooper S; posts by 'mini doc', 'oo7indenver', 'DavidG', 'umberto')",
  bmwTraining: "BMW training manual, central body electronics (E53/E46)",
  bmwgm5: "bmwgm5.com Key_Recode",
  precisionecu: "precisionecu.com",
  minimania: "minimania.com Reprogram_New_MINI_Keys_R50_52_53",
  axleaddict: "axleaddict (keys left out of the session stop working)",
  motoringalliance: "motoringalliance (keys left out of the session stop working)",
  ownersManual: "MINI owner's manual text quoted in the seed (posts by 'DavidG' and 'umberto')",
  mini2: "mini2.com",
  nam182496: "northamericanmotoring thread 182496 (a 2003 owner's manual: press lock and unlock together)",
  bmwtips: "bmwtips (rolling-code resync, battery swap over a minute can lose sync)",
} as const;

export type SourceId = keyof typeof SOURCES;

/** The text of each source id, in order. */
export function citeSources(ids: SourceId[]): string[] {
  return ids.map((id) => SOURCES[id]);
}
