<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Cyrl">
  <context>
    <name>QAbstractFileIconProvider</name>
    <message>
      <source>Drive</source>
      <translation>Диск</translation>
    </message>
    <message>
      <source>File Folder</source>
      <comment>Match Windows Explorer</comment>
      <translation>Фасцикла датотека</translation>
    </message>
    <message>
      <source>Folder</source>
      <comment>All other platforms</comment>
      <translation>Фасцикла</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Непознато</translation>
    </message>
  </context>
  <context>
    <name>QAbstractSpinBox</name>
    <message>
      <source>&amp;Select All</source>
      <translation>&amp;Изабери све</translation>
    </message>
    <message>
      <source>&amp;Step up</source>
      <translation>&amp;Повећај</translation>
    </message>
    <message>
      <source>Step &amp;down</source>
      <translation>&amp;Смањи</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
      <translation>%1
Фасцикла није пронађена.
Проверите да ли је назив фасцикле тачно уписан.</translation>
    </message>
    <message>
      <source>%1
File not found.
Please verify the correct file name was given.</source>
      <translation>%1
Датотека није пронађена.
Проверите да ли је назив датотеке тачно уписан.</translation>
    </message>
    <message>
      <source>%1 already exists.
Do you want to replace it?</source>
      <translation>%1 већ постоји.
Желите ли да је замените?</translation>
    </message>
    <message>
      <source>&amp;Choose</source>
      <translation>&amp;Изабери</translation>
    </message>
    <message>
      <source>&amp;Delete</source>
      <translation>&amp;Обриши</translation>
    </message>
    <message>
      <source>&amp;Look in:</source>
      <translation>&amp;Погледај у:</translation>
    </message>
    <message>
      <source>&amp;New Folder</source>
      <translation>&amp;Нова фасцикла</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Отвори</translation>
    </message>
    <message>
      <source>&amp;Rename</source>
      <translation>&amp;Преименуј</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Сачувај</translation>
    </message>
    <message>
      <source>'%1' is write protected.
Do you want to delete it anyway?</source>
      <translation>„%1“ је заштићен од уписа.
Да ли ипак желите да га обришете?</translation>
    </message>
    <message>
      <source>All Files (*)</source>
      <translation>Све датотеке (*)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Све датотеке (*)</translation>
    </message>
    <message>
      <source>Are you sure you want to delete '%1'?</source>
      <translation>Да ли заиста желите да обришете „%1“?</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Назад</translation>
    </message>
    <message>
      <source>Change to detail view mode</source>
      <translation>Пребаци на детаљан приказ</translation>
    </message>
    <message>
      <source>Change to list view mode</source>
      <translation>Пребаци на приказ листе</translation>
    </message>
    <message>
      <source>Could not delete directory.</source>
      <translation>Фасциклу није могуће обрисати.</translation>
    </message>
    <message>
      <source>Create New Folder</source>
      <translation>Направи нову фасциклу</translation>
    </message>
    <message>
      <source>Create a New Folder</source>
      <translation>Направи нову фасциклу</translation>
    </message>
    <message>
      <source>Detail View</source>
      <translation>Детаљан приказ</translation>
    </message>
    <message>
      <source>Directories</source>
      <translation>Фасцикле</translation>
    </message>
    <message>
      <source>Directory:</source>
      <translation>Фасцикла:</translation>
    </message>
    <message>
      <source>File &amp;name:</source>
      <translation>&amp;Назив датотеке:</translation>
    </message>
    <message>
      <source>Files</source>
      <translation>Датотеке</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>&amp;Врста датотека:</translation>
    </message>
    <message>
      <source>Find Directory</source>
      <translation>Пронађи фасциклу</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Напред</translation>
    </message>
    <message>
      <source>Go back</source>
      <translation>Иди назад</translation>
    </message>
    <message>
      <source>Go forward</source>
      <translation>Иди напред</translation>
    </message>
    <message>
      <source>Go to the parent directory</source>
      <translation>Иди у надређену фасциклу</translation>
    </message>
    <message>
      <source>List View</source>
      <translation>Приказ листе</translation>
    </message>
    <message>
      <source>List of places and bookmarks</source>
      <translation>Списак места и обележивача</translation>
    </message>
    <message>
      <source>New Folder</source>
      <translation>Нова фасцикла</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Отвори</translation>
    </message>
    <message>
      <source>Parent Directory</source>
      <translation>Надређена фасцикла</translation>
    </message>
    <message>
      <source>Recent Places</source>
      <translation>Недавна места</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>Сачувај као</translation>
    </message>
    <message>
      <source>Show </source>
      <translation>Прикажи </translation>
    </message>
    <message>
      <source>Show &amp;hidden files</source>
      <translation>Прикажи &amp;скривене датотеке</translation>
    </message>
    <message>
      <source>Sidebar</source>
      <translation>Бочна трака</translation>
    </message>
  </context>
  <context>
    <name>QFileSystemModel</name>
    <message>
      <source>&lt;b&gt;The name "%1" cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
      <translation>&lt;b&gt;Назив „%1“ не може да се користи.&lt;/b&gt;&lt;p&gt;Покушајте са другим називом, са мање знакова или без знакова интерпункције.</translation>
    </message>
    <message>
      <source>Computer</source>
      <translation>Рачунар</translation>
    </message>
    <message>
      <source>Date Modified</source>
      <translation>Датум измене</translation>
    </message>
    <message>
      <source>Invalid filename</source>
      <translation>Неисправан назив датотеке</translation>
    </message>
    <message>
      <source>My Computer</source>
      <translation>Мој рачунар</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Име</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Величина</translation>
    </message>
    <message>
      <source>Type</source>
      <comment>All other platforms</comment>
      <translation>Врста</translation>
    </message>
  </context>
  <context>
    <name>QLineEdit</name>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Копирај</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Налепи</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Понови</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Опозови</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>&amp;Исеци</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Обриши</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Изабери све</translation>
    </message>
  </context>
  <context>
    <name>QMessageBox</name>
    <message>
      <source>Hide Details...</source>
      <translation>Сакриј детаље…</translation>
    </message>
    <message>
      <source>Show Details...</source>
      <translation>Прикажи детаље…</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Не</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Да</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Прекини</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Примени</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Затвори</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Одбаци</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Помоћ</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Занемари</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>Н&amp;е за све</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>У реду</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Отвори</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Поништи</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Врати подразумеване вредности</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Покушај поново</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Сачувај</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Сачувај све</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Да за &amp;све</translation>
    </message>
  </context>
  <context>
    <name>QProgressDialog</name>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
  </context>
  <context>
    <name>QScrollBar</name>
    <message>
      <source>Bottom</source>
      <translation>Дно</translation>
    </message>
    <message>
      <source>Left edge</source>
      <translation>Леви руб</translation>
    </message>
    <message>
      <source>Page down</source>
      <translation>Страница доле</translation>
    </message>
    <message>
      <source>Page left</source>
      <translation>Страница лево</translation>
    </message>
    <message>
      <source>Page right</source>
      <translation>Страница десно</translation>
    </message>
    <message>
      <source>Page up</source>
      <translation>Страница горе</translation>
    </message>
    <message>
      <source>Right edge</source>
      <translation>Десни руб</translation>
    </message>
    <message>
      <source>Scroll down</source>
      <translation>Помери доле</translation>
    </message>
    <message>
      <source>Scroll here</source>
      <translation>Помери овде</translation>
    </message>
    <message>
      <source>Scroll left</source>
      <translation>Помери лево</translation>
    </message>
    <message>
      <source>Scroll right</source>
      <translation>Помери десно</translation>
    </message>
    <message>
      <source>Scroll up</source>
      <translation>Помери горе</translation>
    </message>
    <message>
      <source>Top</source>
      <translation>Врх</translation>
    </message>
  </context>
  <context>
    <name>QWidgetTextControl</name>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Копирај</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Налепи</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Понови</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Опозови</translation>
    </message>
    <message>
      <source>Copy &amp;Link Location</source>
      <translation>Копирај &amp;адресу везе</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>&amp;Исеци</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Обриши</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Изабери све</translation>
    </message>
  </context>
  <context>
    <name>QWizard</name>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Заврши</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Помоћ</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>&amp;Следеће &gt;</translation>
    </message>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Откажи</translation>
    </message>
    <message>
      <source>Commit</source>
      <translation>Потврди</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Помоћ</translation>
    </message>
  </context>
</TS>
