// Original file: proto/spate.proto


export interface UnregisterApplicationResult {
}

export interface UnregisterApplicationResult__Output {
}
