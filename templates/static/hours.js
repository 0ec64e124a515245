// crossings: the "open now" badge. Each `.open-now` element carries in `data-hours` a
// checkpoint's week of opening intervals (minutes since midnight, Monday first), its season
// ([[month, day], [month, day]]) and the UTC offset of its clock (minutes); the badge says
// whether it is open at this moment on that clock and when that changes. Its texts come in this
// script's `data-strings`. `crossingsHours.state(schedule, date)` and `.text(...)` are pure
// functions of the schedule and the moment, so that tests can fix the clock.
(function () {
  'use strict';
  var DAY = 1440;
  var MS_PER_DAY = 86400000;

  function inSeason(season, month, date) {
    if (!season) return true;
    var key = month * 100 + date;
    var from = season[0][0] * 100 + season[0][1];
    var to = season[1][0] * 100 + season[1][1];
    return from <= to ? key >= from && key <= to : key >= from || key <= to;
  }

  // The `k`th day from the local midnight `midnight` (ms, on the schedule's clock, read as UTC).
  function day(schedule, midnight, k) {
    var t = new Date(midnight + k * MS_PER_DAY);
    var weekday = (t.getUTCDay() + 6) % 7;
    var month = t.getUTCMonth() + 1;
    var date = t.getUTCDate();
    var list = inSeason(schedule.season, month, date) ? schedule.week[weekday] || [] : [];
    return { weekday: weekday, month: month, date: date, list: list };
  }

  // When an opening that ends at midnight goes on into the next days: its real closing time in
  // minutes, or null when it never closes within a week and a day.
  function closing(schedule, midnight, end) {
    for (var k = 1; end === DAY && k <= 8; k++) {
      var next = day(schedule, midnight, k).list.filter(function (i) { return i[0] === 0; })[0];
      if (!next) return end;
      end = next[1];
    }
    return end === DAY ? null : end;
  }

  // Whether `schedule` is open at `now`, and when it closes or next opens.
  function state(schedule, now) {
    var local = new Date(now.getTime() + (schedule.utc || 0) * 60000);
    var minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    var midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    var today = day(schedule, midnight, 0);
    for (var i = 0; i < today.list.length; i++) {
      var iv = today.list[i];
      if (iv[0] <= minute && minute < iv[1]) return { open: true, closes: closing(schedule, midnight, iv[1]) };
    }
    for (var k = 0; k <= 370; k++) {
      var d = k === 0 ? today : day(schedule, midnight, k);
      for (var j = 0; j < d.list.length; j++) {
        if (k > 0 || d.list[j][0] > minute) {
          return { open: false, opens: d.list[j][0], days: k, weekday: d.weekday, month: d.month, date: d.date };
        }
      }
    }
    return { open: false, opens: null };
  }

  function hhmm(minutes) {
    var m = minutes % DAY;
    return ('0' + Math.floor(m / 60)).slice(-2) + ':' + ('0' + (m % 60)).slice(-2);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  // The badge's text for `schedule` at `now`, in the language of `strings`.
  function text(schedule, now, strings) {
    var s = state(schedule, now);
    var t = strings.texts;
    if (s.open) return s.closes === null ? t.now_all_day : fill(t.now_closes, { time: hhmm(s.closes) });
    if (s.opens === null) return t.closed;
    if (s.days <= 1) return fill(t.closed_opens, { time: hhmm(s.opens) });
    if (s.days < 7) return fill(t.closed_opens_day, { day: strings.days[s.weekday], time: hhmm(s.opens) });
    var date = fill(strings.day_month, { day: String(s.date), month: strings.months[s.month - 1] });
    return fill(t.closed_opens_date, { date: date });
  }

  window.crossingsHours = { state: state, text: text };

  var me = document.currentScript;
  var strings;
  try { strings = JSON.parse(me && me.getAttribute('data-strings')); } catch (e) { return; }
  if (!strings || !strings.texts) return;

  function update() {
    var now = new Date();
    var badges = document.querySelectorAll('.open-now[data-hours]');
    for (var i = 0; i < badges.length; i++) {
      var badge = badges[i];
      var schedule;
      try { schedule = JSON.parse(badge.getAttribute('data-hours')); } catch (e) { continue; }
      if (!schedule || !schedule.week) continue;
      var open = state(schedule, now).open;
      badge.textContent = text(schedule, now, strings);
      badge.classList.toggle('is-open', open);
      badge.classList.toggle('is-closed', !open);
      badge.hidden = false;
    }
  }
  update();
  setInterval(update, 60000);
})();
