import type { Level } from '../model.js';
import type { LinkKind, SpecialFileType } from '../project/read-source.js';
import type { CoverageSkipReason, Messages, NumberFormats } from './messages.js';
import { asSentence } from './sentence.js';

function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

const LEVELS: Readonly<Record<Level, string>> = { failing: 'insuficiente', acceptable: 'aceptable', target: 'objetivo', optimal: 'óptimo' };

const SKIP_REASONS: Readonly<Record<CoverageSkipReason, string>> = {
  'read-error': 'no se pudo leer',
  'binary-file': 'binario',
  'file-too-large': 'demasiado grande',
  'invalid-encoding': 'texto no válido',
  'symlink-skipped': 'enlace simbólico',
  'special-file': 'no es un archivo normal',
  'unreached': 'no lo carga ningún punto de entrada',
  'parse-error': 'error de sintaxis',
};

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permiso denegado',
  EPERM: 'operación no permitida',
  ENOENT: 'no existe el archivo o la carpeta (puede que se borrara durante el análisis)',
  ENOTDIR: 'una parte de la ruta no es una carpeta',
  EISDIR: 'es una carpeta',
  EMFILE: 'demasiados archivos abiertos',
  EIO: 'error de entrada/salida',
  ELOOP: 'demasiados enlaces simbólicos',
  ENAMETOOLONG: 'el nombre es demasiado largo',
};

const LINK_MESSAGES: Readonly<Record<LinkKind, string>> = {
  'loop': 'Enlace simbólico que apunta a sí mismo en bucle; no se siguió.',
  'broken': 'Enlace simbólico roto: su destino no existe.',
  'outside-root': 'Enlace simbólico a un destino fuera de la carpeta actual; no se siguió.',
  'inside-root': 'Enlace simbólico no seguido, así que los archivos a los que lleva no se analizaron a través de él.',
  'folder-outside-root': 'El archivo está en una carpeta que lleva fuera de la carpeta actual a través de un enlace simbólico, así que no se leyó.',
  'swapped': 'El archivo se sustituyó por un enlace simbólico durante el análisis, así que no se leyó.',
};

const LINK_HINTS: Readonly<Record<LinkKind, string>> = {
  'loop': 'Elimine el enlace, o añádalo a .gitignore.',
  'broken': 'Elimine el enlace, o añádalo a .gitignore.',
  'outside-root': 'Si el destino es código de este backend, ejecute statelint desde una carpeta que lo contenga.',
  'inside-root': 'Para analizar su destino, indique la ruta propia del destino, o una carpeta que lo contenga, en lugar del enlace.',
  'folder-outside-root': 'Si ese código pertenece a este backend, ejecute statelint desde una carpeta que lo contenga.',
  'swapped': 'Vuelva a ejecutar statelint cuando los archivos dejen de cambiar.',
};

const FILE_TYPES: Readonly<Record<SpecialFileType, string>> = {
  'fifo': 'es una FIFO',
  'socket': 'es un socket',
  'character-device': 'es un dispositivo de caracteres',
  'block-device': 'es un dispositivo de bloques',
  'directory': 'es una carpeta',
  'other': 'tipo de archivo desconocido',
};

export function spanishMessages(format: NumberFormats): Messages {
  const count = (value: number, one: string, other: string): string => `${format.number(value)} ${plural(value, one, other)}`;

  return {
    severity: { error: 'error', warning: 'aviso', info: 'nota' },
    criterion: {
      sessions: 'Sesiones',
      cache: 'Caché',
      files: 'Archivos',
      jobs: 'Tareas en segundo plano',
      state: 'Estado en el proceso',
    },
    level: LEVELS,
    skipReason: (reason) => skipReasonLabel(reason),
    systemError: (code) => SYSTEM_ERRORS[code] ?? `error del sistema ${code}`,

    report: {
      problemSummary({ errors, warnings, infos }) {
        const problems = errors + warnings;
        let line = `${count(problems, 'problema', 'problemas')} (${count(errors, 'error', 'errores')}, ${count(warnings, 'aviso', 'avisos')})`;
        if (infos > 0) line += `, ${count(infos, 'nota', 'notas')}`;
        return line;
      },
      noFindings: 'Sin hallazgos.',
      noFindingsWithScanErrors: 'Sin hallazgos en los archivos analizados, pero los problemas del análisis que siguen hacen que el resultado no sea fiable.',
      moreRelated: (value) => `y ${count(value, 'ubicación relacionada más', 'ubicaciones relacionadas más')}`,
      suppressedHeading: (value) => `Silenciados: ${count(value, 'hallazgo silenciado', 'hallazgos silenciados')} en el código y sin puntuar`,
      criteriaColumns: { criterion: 'Criterio', score: 'Puntuación', compliant: 'Conformes', violations: 'Infracciones', weight: 'Peso' },
      notApplicable: 'no aplica',
      score: (score, level) => `Puntuación: ${format.percent(score)} (${LEVELS[level]})`,
      gatePassed: (minScore) => `Control de publicación superado: la puntuación alcanza el mínimo del ${format.percent(minScore)}.`,
      gateFailed: (score, minScore) =>
        `Control de publicación no superado: la puntuación ${format.percent(score)} está por debajo del mínimo del ${format.percent(minScore)}.`,
      gateUntrustworthy: (errorCount, problemCount) =>
        errorCount === problemCount
          ? `Resultado no fiable: ${count(errorCount, 'problema del análisis', 'problemas del análisis')} en la lista anterior. ${plural(errorCount, 'Corríjalo', 'Corríjalos')} y vuelva a ejecutar statelint.`
          : `Resultado no fiable: ${format.number(errorCount)} de los ${count(problemCount, 'problema del análisis', 'problemas del análisis')} de la lista anterior ${plural(errorCount, 'es un error', 'son errores')}. ${plural(errorCount, 'Corríjalo', 'Corríjalos')} y vuelva a ejecutar statelint.`,
      coverage: (analyzed, eligible) => `Archivos: ${format.number(analyzed)} de ${format.number(eligible)} analizados.`,
      skipped: (counts) => `Sin analizar: ${counts.map(([reason, value]) => `${format.number(value)} (${skipReasonLabel(reason)})`).join(', ')}.`,
      diagnosticsHeading: 'Problemas del análisis',
    },

    processMap: {
      heading: 'Mapa de procesos',
      entrypointCount: (value) => count(value, 'punto de entrada', 'puntos de entrada'),
      fileCount: (value) => count(value, 'archivo', 'archivos'),
      more: (value) => `y ${format.number(value)} más`,
      noEntrypoints:
        'No se encontró ningún punto de entrada, así que cada archivo tiene su rol por defecto: script si empieza por #! o está en una carpeta scripts, bin, migrations o seeds, web en otro caso.',
      unreachedSummary: (value) =>
        `${count(value, 'archivo no lo carga', 'archivos no los carga')} ningún punto de entrada y no se ${plural(value, 'puntúa', 'puntúan')}; ejecute statelint roles para ${plural(value, 'verlo', 'verlos')}.`,
      entrypointsHeading: 'Puntos de entrada',
      processesHeading: 'Procesos',
      columns: { role: 'Rol', file: 'Archivo', declaredIn: 'Declarado en', detail: 'Cómo', entrypoints: 'Puntos de entrada', files: 'Archivos' },
      unreachedHeading: (value) => `Sin cargar por ningún punto de entrada, así que sin puntuar (${count(value, 'archivo', 'archivos')})`,
      noUnreached: 'Todos los archivos analizados los carga algún punto de entrada.',
    },

    deployment: {
      heading: 'Despliegue',
      fact: { autoscaling: 'Autoescalado', loadBalancing: 'Balanceo de carga', stickyRouting: 'Enrutamiento con afinidad', longPolling: 'Long polling de socket.io' },
      state: { yes: 'sí', no: 'no', unknown: 'desconocido' },
      note: (note) => {
        switch (note.code) {
          case 'state-masked-by-sticky-routing':
            return `El enrutamiento con afinidad (sticky) devuelve cada cliente al mismo worker, lo que oculta ${count(note.related.length, 'hallazgo', 'hallazgos')} de estado en el proceso hasta que un worker se reinicia, se sustituye o el grupo escala. Lleve ese estado a un almacén compartido; después se puede quitar la afinidad.`;
          case 'sticky-routing-required-by-socket-io':
            return 'Hay enrutamiento con afinidad y socket.io permite long polling, que la necesita, así que esta combinación es la esperada y no es un fallo.';
        }
      },
    },

    diagnostics: {
      pathNotFound: (path) => ({
        message: `No se encontró la ruta ${path}.`,
        hint: 'Compruebe cómo está escrita, o ejecute statelint desde la carpeta respecto de la cual es relativa.',
      }),
      pathUnreadable: (path, reason) => ({
        message: `No se pudo examinar la ruta ${path}: ${reason}.`,
        hint: 'Compruebe que tiene permiso para leer las carpetas que llevan hasta ella y vuelva a ejecutar statelint.',
      }),
      notASourceFile: (path) => ({
        message: `${path} no es un archivo de código JavaScript o TypeScript, así que no se analizó.`,
        hint: 'Indique archivos terminados en .js, .jsx, .mjs, .cjs, .ts, .tsx, .mts o .cts, o las carpetas que los contienen.',
      }),
      folderReadFailed: (reason) => ({
        message: `No se pudo listar la carpeta: ${reason}. Sus archivos no se analizaron.`,
        hint: 'Compruebe que tiene permiso para leer la carpeta, o añádala a .gitignore si no contiene código de este backend.',
      }),
      noSourceFiles: (paths, ignoredCount) => ({
        message:
          ignoredCount > 0
            ? `No hay archivos de código JavaScript o TypeScript que analizar en ${paths}; .gitignore excluye allí ${count(ignoredCount, 'archivo o carpeta', 'archivos o carpetas')}.`
            : `No se encontraron archivos de código JavaScript o TypeScript en ${paths}.`,
        hint: 'Indique la carpeta que contiene el código del backend y revise los patrones include y exclude de la configuración de statelint. Nunca se analizan los archivos que excluye .gitignore, node_modules ni .git.',
      }),
      outsideWorkingFolder: (path) => ({
        message: `${path} está fuera de la carpeta actual, así que no se analizó.`,
        hint: 'Ejecute statelint desde la carpeta del proyecto, o desde una carpeta que contenga todas las rutas que indique.',
      }),
      skipped: (detail) => {
        switch (detail.reason) {
          case 'read-error':
            return {
              message: `No se pudo leer el archivo: ${SYSTEM_ERRORS[detail.errorCode] ?? `error del sistema ${detail.errorCode}`}.`,
              hint: 'Compruebe que el archivo existe y que tiene permiso para leerlo, y vuelva a ejecutar statelint.',
            };
          case 'binary-file':
            return {
              message: `El archivo parece binario (un byte NUL en el byte ${format.number(detail.byteOffset)}), así que no se analizó.`,
              hint: 'Añádalo a .gitignore si no es código; si lo es, guárdelo como texto UTF-8.',
            };
          case 'file-too-large':
            return {
              message: `El archivo tiene ${format.number(detail.size)} bytes, más que el límite de ${format.number(detail.maxFileBytes)}, así que no se analizó.`,
              hint: 'El código generado o empaquetado no debe entrar en el análisis: añádalo a los patrones exclude de la configuración de statelint, o analice la carpeta con sus fuentes.',
            };
          case 'invalid-encoding':
            return {
              message: `El archivo no es ${detail.encoding.toUpperCase()} válido: el byte en la posición ${format.number(detail.byteOffset)} no se puede decodificar, así que no se analizó.`,
              hint: 'Guarde el archivo como UTF-8 y vuelva a ejecutar statelint.',
            };
          case 'symlink-skipped':
            return { message: LINK_MESSAGES[detail.link], hint: LINK_HINTS[detail.link] };
          case 'special-file':
            return {
              message: `No es un archivo normal (${FILE_TYPES[detail.fileType]}), así que no se leyó.`,
              hint: 'No hay nada que hacer, salvo que deba ser un archivo de código.',
            };
        }
      },
      parseFailed: (reason) => ({
        message: `No se pudo analizar sintácticamente el archivo: ${asSentence(reason)}`,
        hint: 'Corrija el error de sintaxis, o añada el archivo a .gitignore si no es código. Sus hallazgos quedan fuera de la puntuación hasta que se pueda analizar.',
      }),
      detectorFailed: (ruleId, reason) => ({
        message: `La regla ${ruleId} falló en este archivo: ${asSentence(reason)}`,
        hint: 'Las demás reglas sí se ejecutaron sobre el archivo. Vuelva a ejecutar con DEBUG=statelint:* para ver la traza y notifíquelo como error de statelint adjuntando el archivo.',
      }),
      entrypointNotFound: (file) => ({
        message: `La configuración declara el punto de entrada ${file}, pero ningún archivo analizado coincide con él, así que no inicia ningún proceso.`,
        hint: 'Escriba la ruta relativa a la carpeta del proyecto. No coincide un archivo excluido, ignorado por .gitignore o que no se pudo analizar sintácticamente.',
      }),
      tsconfigInvalid: (file, reason, partial) => ({
        message: partial
          ? `${file} solo se pudo leer en parte: ${reason}`
          : `${file} no es JSON válido, así que no se usaron sus opciones de compilación: ${reason}`,
        hint: 'Corrija el archivo hasta que `tsc --showConfig` lo acepte. Mientras tanto, los alias de rutas que define no se resuelven y los archivos a los que solo se llega por ellos pueden recibir un rol de proceso equivocado.',
      }),
    },

    cli: {
      description:
        'Analiza un backend Node.js en busca de estado guardado dentro del proceso del worker, puntúa cada criterio (sessions, cache, files, jobs, state) y no supera el control de publicación si la puntuación queda por debajo del mínimo.',
      usage: '[opciones] [rutas...]',
      pathsArgument: 'archivos o carpetas que analizar (por defecto: la carpeta actual)',
      groups: { output: 'Salida:', gate: 'Control de publicación:', project: 'Proyecto:', other: 'Otras:' },
      options: {
        format: 'formato del informe: terminal, json, markdown, html o sarif (por defecto: terminal); repítalo, cada uno seguido de --output, para escribir varios informes',
        output: 'escribe el informe del --format anterior en este archivo en lugar de la salida estándar',
        noColor: 'imprime el informe de terminal sin colores (por defecto si la salida no es un terminal)',
        locale: 'idioma del informe y los mensajes: en o es (por defecto: según LC_ALL, LC_MESSAGES o LANG)',
        minScore: (defaultScore) => `puntuación global mínima, en porcentaje de 0 a 100, que supera el control (por defecto: ${format.number(defaultScore)})`,
        maxUnanalyzed:
          'número de archivos que pueden quedar sin analizar (ilegibles, binarios, demasiado grandes, que no están en UTF-8 ni UTF-16, o con errores de sintaxis) sin dar el código de salida 2; se siguen informando (por defecto: 0)',
        weight: 'peso de un criterio en la puntuación global, como criterio=número; repítala para varios (por defecto: 1 cada uno)',
        config: (fileName) => `archivo de configuración (por defecto: ${fileName} en la carpeta actual, si existe)`,
        version: 'imprime la versión y termina',
        help: 'imprime esta ayuda y termina',
      },
      titles: { usage: 'Uso:', arguments: 'Argumentos:' },
      exitCodes:
        'Códigos de salida:\n  0  control superado\n  1  control no superado: la puntuación está por debajo del mínimo\n  2  resultado no fiable: argumentos o configuración no válidos, o un archivo que no se pudo\n     leer, analizar sintácticamente o revisar',
      seeHelp: 'Ejecute statelint --help para ver las opciones.',
      unknownOption: (option) => `Opción desconocida: ${option}.`,
      missingOptionValue: (option) => `La opción ${option} necesita un valor.`,
      invalidFormat: (value) => `Valor no válido para --format: "${value}". Use terminal, json, markdown, html o sarif.`,
      invalidLocale: (value) => `Valor no válido para --locale: "${value}". Use en o es.`,
      invalidMinScore: (value) => `Valor no válido para --min-score: "${value}". Use un número de 0 a 100.`,
      invalidMaxUnanalyzed: (value) => `Valor no válido para --max-unanalyzed: "${value}". Use un número entero, 0 o mayor.`,
      invalidWeight: (value, criteria) =>
        `Valor no válido para --weight: "${value}". Use criterio=número, con un criterio entre ${criteria} y un número positivo, por ejemplo --weight sessions=2.`,
      configReadFailed: (file, reason) => `No se pudo leer el archivo de configuración ${file}: ${reason}. Compruebe la ruta indicada en --config.`,
      configInvalidJson: (file, reason) => `El archivo de configuración ${file} no es JSON válido: ${reason}. Corrija la sintaxis y vuelva a ejecutar statelint.`,
      configInvalid: (file, problems) =>
        `El archivo de configuración ${file} no es válido:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nCorrija estas entradas y vuelva a ejecutar statelint.`,
      config: {
        notAnObject: (key) => `${key} debe ser un objeto.`,
        unknownKey: (key, allowed) => `${key} no es un ajuste conocido; los ajustes conocidos son ${allowed}.`,
        notAScore: (key) => `${key} debe ser un número de 0 a 100.`,
        notAWeight: (key) => `${key} debe ser un número positivo.`,
        unknownCriterion: (key, criteria) => `${key} no es un criterio; los criterios son ${criteria}.`,
        notARoleList: (key, roles) => `${key} debe ser una lista no vacía de roles de proceso entre ${roles}.`,
      },
      outputWriteFailed: (file, reason) => `No se pudo escribir el informe en ${file}: ${reason}. Compruebe que la carpeta existe y admite escritura.`,
      outputIsFolder: (file) => `No se pudo escribir el informe en ${file}: es una carpeta. Dé a --output la ruta de un archivo, como ${file.replace(/\/+$/, '')}/statelint-report.txt.`,
      outputIsScannedFile: (file) =>
        `--output ${file} es uno de los archivos de código que analiza esta ejecución, así que escribir ahí el informe lo sustituiría. Escriba el informe en otro archivo, como statelint-report.txt.`,
      internalError: (reason) => `statelint falló de forma inesperada: ${reason}. Vuelva a ejecutar con DEBUG=statelint:* y notifique la salida como error.`,
      commands:
        'Órdenes:\n  statelint [rutas...]           analiza, informa y aplica el control de publicación (por defecto)\n  statelint baseline [rutas...]  guarda los hallazgos actuales en el archivo de referencia\n  statelint roles [rutas...]     imprime el mapa de procesos: los puntos de entrada y cómo se\n                                 encontró cada uno, los archivos que carga cada rol, los archivos\n                                 sin cargar y los datos del despliegue; termina con 0, o con 2 si\n                                 el resultado no es fiable',
      invalidRolesFormat: (value) => `Valor no válido para --format con statelint roles: "${value}". Use terminal o json.`,
    },
  };
}

function skipReasonLabel(reason: string): string {
  return SKIP_REASONS[reason as CoverageSkipReason] ?? reason;
}
