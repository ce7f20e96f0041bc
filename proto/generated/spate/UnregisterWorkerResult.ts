// Original file: proto/spate.proto


export interface UnregisterWorkerResult {
}

export interface UnregisterWorkerResult__Output {
}
