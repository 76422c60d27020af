// The writers of the files mixin/files.jsonnet produces.
//
// JSON is written here rather than by std.manifestJsonEx because jsonnet 0.18 (Debian's) prints
// 0.8 as 0.80000000000000004 and an empty list over three lines, and later versions print both
// differently: a writer of our own gives the same bytes with every jsonnet. Keys come out sorted.
local json(value, indent='') =
  local inner = indent + '  ';
  if std.isObject(value) then
    local keys = std.objectFields(value);
    if std.length(keys) == 0 then '{}'
    else '{\n' + std.join(',\n', [inner + std.escapeStringJson(k) + ': ' + json(value[k], inner) for k in keys])
         + '\n' + indent + '}'
  else if std.isArray(value) then
    if std.length(value) == 0 then '[]'
    else '[\n' + std.join(',\n', [inner + json(item, inner) for item in value]) + '\n' + indent + ']'
  else if std.isString(value) then std.escapeStringJson(value)
  else if std.isBoolean(value) then (if value then 'true' else 'false')
  else if value == null then 'null'
  else if std.isNumber(value) then
    if value == std.floor(value) && std.abs(value) < 1e15 then std.format('%d', value)
    else std.format('%.15g', value)
  else error 'manifest.json: cannot write a ' + std.type(value);

{
  json:: json,

  // A Prometheus rule file: the comment lines, then the groups as YAML. Rule files hold no numbers
  // (thresholds live inside the expressions' strings), so std.manifestYamlDoc is exact here.
  ruleFile(comment, rules)::
    std.join('\n', ['# ' + line for line in comment] + [
      std.manifestYamlDoc(rules, indent_array_in_object=true, quote_keys=false),
    ]),
}
