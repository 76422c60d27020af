// The panel shapes the dashboards repeat, written once (Grafana 10.4, schemaVersion 39). No
// grafonnet: every panel here is plain JSON with the settings our dashboards use, so the output
// stays what it was when the dashboards were written by hand.
local datasource = { type: 'prometheus', uid: '${datasource}' };

// The object without its null fields: optional settings left unset stay out of the JSON.
local given(fields) = { [k]: fields[k] for k in std.objectFields(fields) if fields[k] != null };

local reduceLast = { calcs: ['lastNotNull'], fields: '', values: false };

// A panel of any type: targets get refIds A, B, C... in their order; gridPos gets x and y from
// the dashboard's layout.
local panel(type, title, description, targets, w, h) = {
  type: type,
  title: title,
  description: description,
  datasource: datasource,
  gridPos: { w: w, h: h },
  targets: [targets[i] { refId: std.char(std.codepoint('A') + i) } for i in std.range(0, std.length(targets) - 1)],
  fieldConfig: { defaults: {}, overrides: [] },
};

// Panels placed left to right in lines of 24 columns; a line ends where the next panel does not
// fit or a row begins, and the next line starts below its tallest panel. Ids count from 1 in
// this order.
local layout(panels) =
  local place(state, p) =
    local newLine = state.x + p.gridPos.w > 24 || (p.type == 'row' && state.x > 0);
    local x = if newLine then 0 else state.x;
    local y = if newLine then state.y + state.lineHeight else state.y;
    {
      x: x + p.gridPos.w,
      y: y,
      lineHeight: std.max(if newLine then 0 else state.lineHeight, p.gridPos.h),
      panels: state.panels + [p { id: std.length(state.panels) + 1, gridPos+: { x: x, y: y } }],
    };
  std.foldl(place, panels, { x: 0, y: 0, lineHeight: 0, panels: [] }).panels;

local queryVariable(name, label, query) = {
  name: name,
  label: label,
  type: 'query',
  datasource: datasource,
  definition: query,
  query: { qryType: 1, query: query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
  current: {},
  hide: 0,
  includeAll: true,
  multi: true,
  allValue: '.*',
  options: [],
  refresh: 2,
  regex: '',
  sort: 1,
  skipUrlSync: false,
};

{
  // A query over the dashboard's time range. A trailing newline (of a ||| block) is dropped.
  target(expr, legend):: {
    datasource: datasource,
    expr: std.rstripChars(expr, '\n'),
    legendFormat: legend,
    range: true,
    editorMode: 'code',
  },

  // A query of the value now only: bar gauges, pie charts, tables.
  instant(expr, legend='__auto'):: self.target(expr, legend) { instant: true, range: false },

  // An instant query whose labels become a table's columns.
  tableQuery(expr):: self.instant(expr) { format: 'table' },

  // Colour thresholds as a scale: steps(['red', 0.8, 'orange', 0.9, 'green']) is red below 0.8,
  // orange from 0.8, green from 0.9.
  steps(scale):: {
    mode: 'absolute',
    steps: [{ color: scale[0], value: null }] + [
      { color: scale[i + 1], value: scale[i] }
      for i in std.range(1, std.length(scale) - 1)
      if i % 2 == 1
    ],
  },

  // Value mappings: valueTexts([['1', 'UP', 'green'], ['0', 'FAILING', 'red']]).
  valueTexts(mappings):: [{
    type: 'value',
    options: {
      [mappings[i][0]]: { text: mappings[i][1], color: mappings[i][2], index: i }
      for i in std.range(0, std.length(mappings) - 1)
    },
  }],

  // An override giving the series matched by name (byName) or regular expression (byRegexp) a colour.
  fixedColor(matcher, pattern, color):: {
    matcher: { id: matcher, options: pattern },
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }],
  },

  row(title):: { type: 'row', title: title, collapsed: false, panels: [], gridPos: { w: 24, h: 1 } },

  // The value now, from an instant query: a series that has vanished (exporter gone, target
  // dropped) shows noValue, never the last value it had somewhere in the time range.
  stat(title, description, target, w=4, h=4, unit=null, decimals=null, min=null, max=null,
       thresholds, mappings=null, colorMode='value', graphMode='none', noValue='no data', links=[])::
    panel('stat', title, description, [target { instant: true, range: false }], w, h) {
      fieldConfig+: {
        defaults: given({ unit: unit, decimals: decimals, min: min, max: max, mappings: mappings })
                  + { thresholds: thresholds, noValue: noValue },
      },
      links: links,
      options: {
        reduceOptions: reduceLast,
        colorMode: colorMode,
        graphMode: graphMode,
        justifyMode: 'auto',
        orientation: 'auto',
        textMode: 'auto',
        wideLayout: true,
        showPercentChange: false,
      },
    },

  // Lines over time; stacked ones are filled more.
  timeseries(title, description, targets, w=12, h=8, unit=null, decimals=null, min=null, max=null,
             stacked=false, fill=null, axisLabel='', overrides=[], links=[])::
    panel('timeseries', title, description, targets, w, h) {
      links: links,
      fieldConfig: {
        defaults: given({ unit: unit, decimals: decimals, min: min, max: max }) + {
          custom: {
            drawStyle: 'line',
            lineWidth: 1,
            fillOpacity: if fill != null then fill else if stacked then 60 else 10,
            showPoints: 'never',
            spanNulls: false,
            axisLabel: axisLabel,
          } + (if stacked then { stacking: { mode: 'normal', group: 'A' } } else {}),
        },
        overrides: overrides,
      },
      options: {
        legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },

  // Horizontal bars, one per series of an instant query.
  bargauge(title, description, target, w, h, unit='short', min=null, max=null, thresholds)::
    panel('bargauge', title, description, [target], w, h) {
      fieldConfig+: { defaults: given({ unit: unit, min: min, max: max }) + { thresholds: thresholds } },
      options: {
        reduceOptions: reduceLast,
        displayMode: 'gradient',
        orientation: 'horizontal',
        valueMode: 'color',
        namePlacement: 'auto',
        showUnfilled: true,
        sizing: 'auto',
        minVizWidth: 8,
        minVizHeight: 16,
        maxVizHeight: 300,
      },
    },

  // A donut with a table legend of values on the right.
  piechart(title, description, target, w=8, h=9)::
    panel('piechart', title, description, [target], w, h) {
      fieldConfig+: { defaults: { unit: 'short' } },
      options: {
        reduceOptions: reduceLast,
        pieType: 'donut',
        displayLabels: ['name', 'percent'],
        legend: { displayMode: 'table', placement: 'right', showLegend: true, values: ['value'] },
        tooltip: { mode: 'single', sort: 'none' },
      },
    },

  // The value now, like stat.
  gauge(title, description, target, w, h, unit=null, min=null, max=null, thresholds, noValue='no data', links=[])::
    panel('gauge', title, description, [target { instant: true, range: false }], w, h) {
      fieldConfig+: { defaults: given({ unit: unit, min: min, max: max }) + { thresholds: thresholds, noValue: noValue } },
      links: links,
      options: {
        reduceOptions: reduceLast,
        orientation: 'auto',
        showThresholdLabels: false,
        showThresholdMarkers: true,
        sizing: 'auto',
        minVizWidth: 75,
        minVizHeight: 75,
      },
    },

  table(title, description, target, w, h, unit=null, transformations, sortBy=null, overrides=[], noValue=null, links=[])::
    panel('table', title, description, [target], w, h) {
      fieldConfig+: { defaults: given({ unit: unit, noValue: noValue }), overrides: overrides },
      links: links,
      options: given({ sortBy: sortBy }) + {
        showHeader: true,
        cellHeight: 'sm',
        footer: { show: false, reducer: ['sum'], countRows: false, fields: '' },
      },
      transformations: transformations,
    },

  // The organize transformation: columns hidden, ordered and renamed.
  organize(exclude, order={}, rename={}):: {
    id: 'organize',
    options: { excludeByName: { [name]: true for name in exclude }, indexByName: order, renameByName: rename },
  },

  // A panel link to the runbook of an alert the panel is tied to (or of another runbooks.md section).
  runbookLink(config, alert, title='Runbook: %s' % alert):: {
    title: title,
    url: config.runbookURLPattern % std.asciiLower(alert),
    targetBlank: true,
  },

  // A dashboard link to a page outside Grafana (the runbooks).
  docsLink(title, url):: {
    title: title,
    type: 'link',
    url: url,
    icon: 'doc',
    targetBlank: true,
    tooltip: '',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: false,
  },

  // A link to another of our dashboards, carrying the time range and the account selection.
  link(title, uid):: {
    title: title,
    type: 'link',
    url: '/d/%s?${__url_time_range}&${account:queryparam}' % uid,
    icon: 'dashboard',
    targetBlank: false,
    tooltip: '',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: false,
  },

  // A dashboard with the datasource, account and group variables, firing MetaAccess alerts as
  // annotations, and its panels laid out by layout() above.
  dashboard(config, uid, title, description, tags, links, panels):: {
    uid: uid,
    title: title,
    description: description,
    tags: config.dashboardTags + tags,
    links: links,
    id: null,
    version: 1,
    editable: true,
    schemaVersion: 39,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    weekStart: '',
    refresh: config.dashboardRefresh,
    time: { from: config.dashboardPeriod, to: 'now' },
    timepicker: {},
    timezone: config.dashboardTimezone,
    annotations: {
      list: [{
        name: 'MetaAccess alerts',
        datasource: datasource,
        enable: true,
        iconColor: 'red',
        expr: 'ALERTS{alertname=~"MetaAccess.*", alertstate="firing", account=~"$account"}',
        step: '60s',
        titleFormat: '{{alertname}}',
        textFormat: '{{account}} {{group}}',
        useValueForTime: false,
        hide: false,
      }],
    },
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Data source',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          includeAll: false,
          multi: false,
          options: [],
          refresh: 1,
          regex: '',
          skipUrlSync: false,
        },
        queryVariable('account', 'Account', 'label_values(metaaccess_up, account)'),
        queryVariable('group', 'Group', 'label_values(metaaccess_devices{account=~"$account"}, group)'),
      ],
    },
    panels: layout(panels),
  },
}
