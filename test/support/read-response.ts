/** An HTTP answer as tests look at it: status, headers, the raw text, and the JSON when the text is JSON. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function readResponse(response: Response): Promise<ReadResponse> {
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
