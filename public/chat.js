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

  function showStatus(text, isError) {
    var status = document.getElementById('status');
    status.textContent = text;
    status.hidden = !text;
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

  function fetchToken(locale, localTimezone) {
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: locale, localTimezone: localTimezone }),
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    });
  }

  function start() {
    var allStrings = JSON.parse(document.getElementById('page-strings').textContent);
    var lang = chooseLanguage();
    var strings = allStrings[lang];
    applyStrings(lang, strings);
    document.querySelector('.skip-link').addEventListener('click', focusSendBox);

    var locale = WEBCHAT_LOCALES[lang];
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
    fetchToken(locale, localTimezone)
      .then(function (answer) {
        var directLine = window.WebChat.createDirectLine({
          token: answer.token,
          domain: answer.domain,
          conversationStartProperties: { locale: locale }
        });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            locale: locale,
            styleOptions: STYLE_OPTIONS,
            nonce: nonceMeta ? nonceMeta.getAttribute('content') : undefined
          },
          document.getElementById('webchat')
        );
        showStatus('', false);
      })
      .catch(function () {
        showStatus(strings.unavailable, true);
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
