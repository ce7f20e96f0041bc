// Original file: proto/spate.proto


export interface ExecutorExitedResult {
}

export interface ExecutorExitedResult__Output {
}
