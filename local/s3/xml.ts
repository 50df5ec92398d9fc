/** XML as S3 writes it: escaped text, elements in a fixed order, the 2006-03-01 namespace on results. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

export type XmlValue = string | number | boolean | undefined | XmlElement[] | XmlElement;
export type XmlElement = [name: string, value: XmlValue];

export function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]))) {
    return `<${name}>${(value as XmlElement[]).map(([n, v]) => element(n, v)).join('')}</${name}>`;
  }
  if (Array.isArray(value)) return `<${name}>${element(value[0] as string, value[1] as XmlValue)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
