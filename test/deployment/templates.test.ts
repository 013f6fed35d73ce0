/**
 * The ARM templates in deploymentTemplates/: valid JSON, parameters declared where used and used (or documented)
 * where declared, parameter files matching their templates, the Web App configured for Blob state with the same
 * container and TTL as the Storage resources, and the new-group templates nesting the existing-group ones unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../deploymentTemplates');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function files(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(path.join(ROOT, dir.name)).map((file) => path.join(dir.name, file)))
    .filter((file) => file.endsWith('.json'));
}

function load(file: string): JsonObject {
  const value = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Json;
  if (!isObject(value)) throw new Error(`${file} is not a JSON object`);
  return value;
}

const templates = files().filter((file) => path.basename(file).startsWith('template-'));
const parameterFiles = files().filter((file) => path.basename(file).startsWith('parameters-for-'));

/** Nested deployments evaluated in their own scope are templates of their own. */
function innerTemplates(template: JsonObject): JsonObject[] {
  const nested: JsonObject[] = [];
  for (const resource of Array.isArray(template.resources) ? template.resources : []) {
    if (!isObject(resource) || !isObject(resource.properties)) continue;
    const { template: inner, expressionEvaluationOptions } = resource.properties;
    if (isObject(inner) && isObject(expressionEvaluationOptions) && expressionEvaluationOptions.scope === 'inner') nested.push(inner);
  }
  return nested;
}

/** Every string of a template, skipping inner-scope nested templates (checked on their own). */
function strings(value: Json, skip: Set<JsonObject>, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, skip, out));
  else if (isObject(value) && !skip.has(value)) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key); // property names can be expressions too
      strings(item, skip, out);
    }
  }
  return out;
}

function usedParameters(template: JsonObject): Set<string> {
  const used = new Set<string>();
  for (const text of strings(template, new Set(innerTemplates(template)))) {
    for (const match of text.matchAll(/parameters\('([^']+)'\)/g)) used.add(match[1]);
  }
  return used;
}

function declared(template: JsonObject): JsonObject {
  return isObject(template.parameters) ? template.parameters : {};
}

function allTemplates(): [string, JsonObject][] {
  return templates.flatMap((file) => {
    const root = load(file);
    return [[file, root] as [string, JsonObject], ...innerTemplates(root).map((inner, index) => [`${file} (nested ${index + 1})`, inner] as [string, JsonObject])];
  });
}

function resourcesOfType(template: JsonObject, type: string): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (node.type === type) found.push(node);
      Object.values(node).forEach(visit);
    }
  };
  visit(template);
  return found;
}

test('the expected templates and parameter files exist', () => {
  expect(templates.sort()).toEqual([
    'deployUseExistResourceGroup/template-AzureBot-with-rg.json',
    'deployUseExistResourceGroup/template-BotApp-with-rg.json',
    'deployWithNewResourceGroup/template-AzureBot-new-rg.json',
    'deployWithNewResourceGroup/template-BotApp-new-rg.json',
  ]);
  expect(parameterFiles).toHaveLength(4);
});

test.each(files())('%s is valid JSON with a $schema', (file) => {
  const json = load(file);
  expect(typeof json.$schema).toBe('string');
  expect(json.contentVersion).toBe('1.0.0.0');
});

test.each(allTemplates())('%s: every parameters(…) used is declared', (_name, template) => {
  const names = Object.keys(declared(template));
  const missing = [...usedParameters(template)].filter((name) => !names.includes(name));
  expect(missing).toEqual([]);
});

test.each(allTemplates())('%s: every declared parameter is used, or documented in the README', (_name, template) => {
  const used = usedParameters(template);
  const idle = Object.keys(declared(template)).filter((name) => !used.has(name) && !README.includes(`\`${name}\``));
  expect(idle).toEqual([]);
});

test.each(allTemplates())('%s: every parameter has a description, and secrets are securestring', (_name, template) => {
  for (const [name, definition] of Object.entries(declared(template))) {
    expect(isObject(definition) && isObject(definition.metadata) && typeof definition.metadata.description).toBe('string');
    if (/secret|password|token|connectionstring|salt/i.test(name) && isObject(definition)) expect([name, definition.type]).toEqual([name, 'securestring']);
  }
});

test.each(parameterFiles)('%s: only declared parameters, every required one present, no secret value', (file) => {
  const templateFile = file.replace('parameters-for-', '');
  const template = load(templateFile);
  const parameters = load(file).parameters;
  expect(isObject(parameters)).toBe(true);
  const given = isObject(parameters) ? Object.keys(parameters) : [];
  const params = declared(template);
  expect(given.filter((name) => !(name in params))).toEqual([]);
  const required = Object.entries(params)
    .filter(([, definition]) => isObject(definition) && !('defaultValue' in definition))
    .map(([name]) => name);
  expect(required.filter((name) => !given.includes(name))).toEqual([]);
  const secrets = Object.entries(params).filter(([, definition]) => isObject(definition) && definition.type === 'securestring').map(([name]) => name);
  expect(given.filter((name) => secrets.includes(name))).toEqual([]);
});

describe.each(['deployUseExistResourceGroup/template-BotApp-with-rg.json', 'deployWithNewResourceGroup/template-BotApp-new-rg.json'])('%s', (file) => {
  const template = load(file);
  const [site] = resourcesOfType(template, 'Microsoft.Web/sites');
  const siteConfig = isObject(site?.properties) && isObject(site.properties.siteConfig) ? site.properties.siteConfig : {};
  const settings = new Map(
    (Array.isArray(siteConfig.appSettings) ? siteConfig.appSettings : []).filter(isObject).map((setting) => [String(setting.name), setting.value]),
  );

  test('a Linux Web App on Node 20 LTS', () => {
    expect(site?.kind).toBe('app,linux');
    expect(String(siteConfig.linuxFxVersion)).toMatch(/^\[parameters\('linuxFxVersion'\)\]$/);
    const inner = innerTemplates(template)[0] ?? template;
    const linux = declared(inner).linuxFxVersion;
    expect(isObject(linux) && linux.defaultValue).toBe('NODE|20-lts');
    expect(isObject(site?.properties) && site.properties.httpsOnly).toBe(true);
  });

  test('the app settings include the bot identity, the Blob state settings, the TTL and the optional telemetry', () => {
    for (const name of [
      'MicrosoftAppType',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppTenantId',
      'STATE_STORAGE',
      'BLOB_CONNECTION_STRING',
      'BLOB_CONTAINER',
      'STATE_TTL_DAYS',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
    ]) {
      expect([name, settings.has(name)]).toEqual([name, true]);
    }
    expect(settings.get('STATE_STORAGE')).toBe('blob');
    expect(String(settings.get('BLOB_CONNECTION_STRING'))).toMatch(/AccountName=', parameters\('storageAccountName'\).*listKeys\(/);
    expect(settings.get('BLOB_CONTAINER')).toBe("[parameters('blobContainerName')]");
    expect(settings.get('STATE_TTL_DAYS')).toBe("[string(parameters('stateTtlDays'))]");
  });

  test('the container the app uses is the one created, and its lifecycle rule deletes after the same TTL', () => {
    const [container] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(String(container?.name)).toContain("parameters('blobContainerName')");
    const [policy] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/managementPolicies');
    const text = JSON.stringify(policy);
    expect(text).toContain('"daysAfterModificationGreaterThan":"[parameters(\'stateTtlDays\')]"');
    expect(text).toContain("[concat(parameters('blobContainerName'), '/')]");
    const [blobService] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/blobServices');
    expect(JSON.stringify(blobService)).toContain('"deleteRetentionPolicy":{"enabled":false}');
  });
});

describe.each(['deployUseExistResourceGroup/template-AzureBot-with-rg.json', 'deployWithNewResourceGroup/template-AzureBot-new-rg.json'])('%s', (file) => {
  const template = load(file);
  test('an Azure Bot with the messaging endpoint and the Web Chat, Direct Line, Teams and Facebook channels', () => {
    const [bot] = resourcesOfType(template, 'Microsoft.BotService/botServices');
    expect(isObject(bot?.properties) && bot.properties.endpoint).toBe("[parameters('botEndpoint')]");
    const channels = resourcesOfType(template, 'Microsoft.BotService/botServices/channels').map((channel) =>
      isObject(channel.properties) ? channel.properties.channelName : undefined,
    );
    expect(channels.sort()).toEqual(['DirectLineChannel', 'FacebookChannel', 'MsTeamsChannel', 'WebChatChannel']);
    const facebook = JSON.stringify(resourcesOfType(template, 'Microsoft.BotService/botServices/channels').find((c) => JSON.stringify(c).includes('FacebookChannel')));
    for (const name of ['facebookAppId', 'facebookAppSecret', 'facebookPageId', 'facebookPageAccessToken']) expect(facebook).toContain(`parameters('${name}')`);
  });
});

test.each(['BotApp', 'AzureBot'])('the new-group %s template nests the existing-group template unchanged', (name) => {
  const outer = load(`deployWithNewResourceGroup/template-${name}-new-rg.json`);
  const existing = load(`deployUseExistResourceGroup/template-${name}-with-rg.json`);
  expect(innerTemplates(outer)).toEqual([existing]);
  expect(resourcesOfType(outer, 'Microsoft.Resources/resourceGroups')).toHaveLength(1);
});
