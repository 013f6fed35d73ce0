/*
 * The chat page: picks the language (French unless the browser prefers English, or ?lang=fr|en), asks the server
 * for a Direct Line token, and renders Bot Framework Web Chat. Page sentences come from #page-strings (locales/).
 */
(function () {
  'use strict';

  var WEBCHAT_LOCALES = { fr: 'fr-FR', en: 'en-US' };

  // Colours checked for WCAG AA contrast on white (text 4.5:1, borders and focus 3:1).
  var STYLE_OPTIONS = {
    accent: '#0a4b8c',
    subtle: '#595959',
    backgroundColor: '#ffffff',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#8a8a8a',
    bubbleTextColor: '#1a1a1a',
    bubbleFromUserBackground: '#e7eef8',
    bubbleFromUserBorderColor: '#8a8a8a',
    bubbleFromUserTextColor: '#1a1a1a',
    suggestedActionLayout: 'flow',
    suggestedActionTextColor: '#0a4b8c',
    suggestedActionBorderColor: '#0a4b8c',
    suggestedActionBackgroundColor: '#ffffff',
    sendBoxTextWrap: true,
    hideUploadButton: true,
    // A message typed offline waits for the network (see patientDirectLine): "send failed" only after a minute.
    sendTimeout: 60000,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    rootHeight: '100%',
    rootWidth: '100%'
  };

  /** ?lang= wins; otherwise the first of French or English in the browser's preferences; French by default. */
  function chooseLanguage() {
    var forced = new URLSearchParams(window.location.search).get('lang');
    if (forced === 'fr' || forced === 'en') return forced;
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < preferred.length; i++) {
      var prefix = String(preferred[i]).toLowerCase().slice(0, 2);
      if (prefix === 'fr' || prefix === 'en') return prefix;
    }
    return 'fr';
  }

  /**
   * For English, the browser's own English (en-GB, en-US, en-AU…) so that dates follow its conventions
   * ("4 December 2026" / "December 4, 2026"); undefined for French or when the browser names no English region.
   */
  function englishLocale(lang) {
    if (lang !== 'en') return undefined;
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < preferred.length; i++) {
      if (/^en-[A-Za-z]{2}$/.test(String(preferred[i]))) return String(preferred[i]);
    }
    return undefined;
  }

  function applyStrings(lang, strings) {
    document.documentElement.lang = lang;
    document.title = strings.title;
    var nodes = document.querySelectorAll('[data-text]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-text');
      if (strings[key]) nodes[i].textContent = strings[key];
    }
    var other = lang === 'fr' ? 'en' : 'fr';
    var link = document.getElementById('other-language');
    var params = new URLSearchParams(window.location.search);
    params.set('lang', other);
    link.setAttribute('href', '?' + params.toString());
    link.setAttribute('hreflang', other);
    link.setAttribute('lang', other);
    if (params.get('embed') === '1') document.body.classList.add('embedded');
  }

  /**
   * The status line is a live region (role="status", aria-live="polite"; RGAA 7.5) that stays in the page, empty
   * when there is nothing to say, so screen readers announce each change: connecting, offline, reconnecting, back.
   */
  function showStatus(text, isError) {
    var status = document.getElementById('status');
    if (status.textContent !== text) status.textContent = text;
    status.classList.toggle('status--error', Boolean(isError));
    if (isError) status.setAttribute('role', 'alert');
  }
  /** The skip link lands in Web Chat's message box rather than at the top of the transcript. */
  function focusSendBox(event) {
    var input = document.querySelector('#webchat [data-id="webchat-sendbox-input"]');
    if (input) {
      event.preventDefault();
      input.focus();
    }
  }

  /**
   * The conversation survives a reload: its id and token are kept in sessionStorage (this tab only, gone when the
   * tab closes), never the transcript, which comes back from Direct Line.
   */
  var SAVED_KEY = 'cned-guide.conversation';
  /** False once the user asked for a new conversation: nothing is saved again while the page unloads. */
  var keepConversation = true;

  function readSaved() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SAVED_KEY) || 'null');
      if (saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string') return saved;
    } catch (error) {
      // No storage (privacy mode) or a damaged entry: a new conversation.
    }
    return undefined;
  }

  function save(conversationId, token) {
    if (!keepConversation) return;
    try {
      window.sessionStorage.setItem(SAVED_KEY, JSON.stringify({ conversationId: conversationId, token: token }));
    } catch (error) {
      // Without storage a reload starts a new conversation; nothing else changes.
    }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(SAVED_KEY);
    } catch (error) {
      // Nothing was kept.
    }
  }

  function fetchToken(locale, localTimezone, saved) {
    var body = { locale: locale, localTimezone: localTimezone };
    if (saved) body.resume = { conversationId: saved.conversationId, token: saved.token };
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    });
  }

  /** Calls back now if the browser is online, else once it is back online. */
  function whenOnline(callback) {
    if (navigator.onLine !== false) return callback();
    window.addEventListener('online', function once() {
      window.removeEventListener('online', once);
      callback();
    });
  }

  var MAX_SEND_ATTEMPTS = 8;
  var RETRY_DELAY_MS = 2000;
  var MAX_REMEMBERED_ECHOES = 200;

  /**
   * The Direct Line object Web Chat uses, with a patient postActivity: a message typed offline waits for the
   * network and goes out when it is back; a send that failed on the way (botframework-directlinejs answers "retry")
   * is tried again, unless its echo already came back (it did arrive). The server also ignores a second copy of the
   * same clientActivityID, so a message is never handled twice.
   */
  function patientDirectLine(directLine) {
    var echoed = [];
    var watching = false;
    // Started with the first post, once Web Chat is reading activity$ (a shared stream: an earlier subscriber would
    // start the connection before Web Chat listens).
    function watchEchoes() {
      if (watching) return;
      watching = true;
      directLine.activity$.subscribe({
        next: function (activity) {
          var id = activity && activity.channelData && activity.channelData.clientActivityID;
          if (id && activity.id) {
            echoed.push({ clientActivityID: id, id: activity.id });
            if (echoed.length > MAX_REMEMBERED_ECHOES) echoed.shift();
          }
        },
        error: function () {},
        complete: function () {}
      });
    }
    function echoOf(activity) {
      var id = activity.channelData && activity.channelData.clientActivityID;
      for (var i = 0; i < echoed.length; i++) if (id && echoed[i].clientActivityID === id) return echoed[i].id;
      return undefined;
    }

    return {
      activity$: directLine.activity$,
      connectionStatus$: directLine.connectionStatus$,
      get referenceGrammarId() {
        return directLine.referenceGrammarId;
      },
      getSessionId: function () {
        return directLine.getSessionId();
      },
      end: function () {
        directLine.end();
      },
      postActivity: function (activity) {
        return {
          subscribe: function (observer) {
            var stopped = false;
            var inner;
            var attempts = 0;
            watchEchoes();
            function finish(id) {
              if (stopped) return;
              stopped = true;
              if (observer.next) observer.next(id);
              if (observer.complete) observer.complete();
            }
            function attempt() {
              if (stopped) return;
              var already = echoOf(activity);
              if (already) return finish(already);
              whenOnline(function () {
                if (stopped) return;
                attempts += 1;
                inner = directLine.postActivity(activity).subscribe({
                  next: function (id) {
                    if (id !== 'retry') return finish(id);
                    if (attempts >= MAX_SEND_ATTEMPTS) return finish(id);
                    window.setTimeout(attempt, RETRY_DELAY_MS);
                  },
                  error: function (error) {
                    if (stopped) return;
                    stopped = true;
                    if (observer.error) observer.error(error);
                  },
                  complete: function () {}
                });
              });
            }
            attempt();
            return {
              unsubscribe: function () {
                stopped = true;
                if (inner) inner.unsubscribe();
              }
            };
          }
        };
      }
    };
  }

  /**
   * What the status line says, from the browser's online/offline events and Web Chat's connection actions
   * (DIRECT_LINE/CONNECT_*, RECONNECT_*), which come from Direct Line's connectionStatus$.
   */
  function connectionReporter(strings, notice) {
    var state = { offline: navigator.onLine === false, connected: false, lost: false };
    function render(text) {
      showStatus(text, false);
    }
    window.addEventListener('offline', function () {
      state.offline = true;
      state.lost = true;
      render(strings.offline);
    });
    window.addEventListener('online', function () {
      state.offline = false;
      render(strings.online);
    });
    return function onAction(action) {
      switch (action.type) {
        case 'DIRECT_LINE/CONNECT_PENDING':
          if (!state.offline) render(strings.loading);
          break;
        case 'DIRECT_LINE/CONNECT_FULFILLED':
          state.connected = true;
          if (!state.offline) render(state.lost ? strings.online : notice);
          break;
        case 'DIRECT_LINE/RECONNECT_PENDING':
          state.lost = true;
          if (!state.offline) render(strings.reconnecting);
          break;
        case 'DIRECT_LINE/RECONNECT_FULFILLED':
          if (!state.offline) render(strings.online);
          break;
        case 'DIRECT_LINE/CONNECT_REJECTED':
          if (!state.offline) showStatus(strings.unavailable, true);
          break;
        default:
          break;
      }
    };
  }

  function start() {
    var allStrings = JSON.parse(document.getElementById('page-strings').textContent);
    var lang = chooseLanguage();
    var strings = allStrings[lang];
    applyStrings(lang, strings);
    document.querySelector('.skip-link').addEventListener('click', focusSendBox);
    document.getElementById('new-conversation').addEventListener('click', function () {
      keepConversation = false;
      forget();
      window.location.reload();
    });

    var locale = englishLocale(lang) || WEBCHAT_LOCALES[lang];
    var localTimezone;
    try {
      localTimezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      localTimezone = undefined;
    }
    var nonceMeta = document.querySelector('meta[name="csp-nonce"]');

    if (!window.WebChat) {
      showStatus(strings.unavailable, true);
      return;
    }
    var saved = readSaved();
    whenOnline(function () {
      fetchToken(locale, localTimezone, saved)
        .then(function (answer) {
          var resumed = answer.resumed === true;
          // A new conversation is kept once Direct Line has started it (CONNECT_FULFILLED below), so that a reload
          // never reconnects to a conversation the bot was not told about.
          if (resumed) save(answer.conversationId, answer.token);
          var directLine = window.WebChat.createDirectLine({
            token: answer.token,
            domain: answer.domain,
            // A resumed conversation is reconnected to (GET /conversations/{id}); with no watermark the whole
            // transcript comes back, since the page keeps none of it.
            conversationId: resumed ? answer.conversationId : undefined,
            webSocket: true,
            conversationStartProperties: { locale: locale }
          });
          // Direct Line refreshes its token every 15 minutes: keep the current one for the next reload.
          var keepToken = function () {
            if (typeof directLine.token === 'string' && directLine.conversationId) save(directLine.conversationId, directLine.token);
          };
          window.addEventListener('pagehide', keepToken);
          document.addEventListener('visibilitychange', keepToken);

          var report = connectionReporter(strings, saved && !resumed ? strings.resumeExpired : '');
          var store = window.WebChat.createStore({}, function () {
            return function (next) {
              return function (action) {
                if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') keepToken();
                report(action);
                return next(action);
              };
            };
          });
          window.WebChat.renderWebChat(
            {
              directLine: patientDirectLine(directLine),
              store: store,
              locale: locale,
              styleOptions: STYLE_OPTIONS,
              nonce: nonceMeta ? nonceMeta.getAttribute('content') : undefined
            },
            document.getElementById('webchat')
          );
        })
        .catch(function () {
          showStatus(strings.unavailable, true);
        });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
