// Small helpers for the words and numbers alerts put into PromQL and into their annotations.
local units = {
  s: { seconds: 1, word: 'second' },
  m: { seconds: 60, word: 'minute' },
  h: { seconds: 3600, word: 'hour' },
  d: { seconds: 86400, word: 'day' },
  w: { seconds: 604800, word: 'week' },
};

// '30m' → { count: 30, unit: units.m }; one unit only, as the thresholds in _config are written.
local parse(duration) =
  local unit = duration[std.length(duration) - 1];
  assert std.objectHas(units, unit) : 'duration %s: expected a number and one of s, m, h, d, w' % duration;
  { count: std.parseInt(duration[0:std.length(duration) - 1]), unit: units[unit] };

{
  // Text written over several lines (a ||| block) as one line, as YAML's folded scalars (>-) read it.
  prose(text):: std.join(' ', std.split(std.rstripChars(text, '\n'), '\n')),

  // '30m' → 1800.
  seconds(duration):: local d = parse(duration); d.count * d.unit.seconds,

  // '30m' → '30 minutes', '1h' → '1 hour'.
  words(duration)::
    local d = parse(duration);
    '%d %s%s' % [d.count, d.unit.word, if d.count == 1 then '' else 's'],

  // 0.2 → '0.2' (jsonnet's own std.toString would say 0.20000000000000001).
  number(value):: std.format('%g', value),

  // 0.2 → '20%'.
  percent(ratio):: std.format('%g%%', ratio * 100),
}
